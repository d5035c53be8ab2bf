import type { Messages } from '../en/index.js';
import { common } from './common.js';
import { rooms } from './rooms.js';

export const ky: Messages = {
  ...common,
  ...rooms,
};
