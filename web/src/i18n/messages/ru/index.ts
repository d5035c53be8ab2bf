import type { Messages } from '../en/index.js';
import { common } from './common.js';
import { rooms } from './rooms.js';

export const ru: Messages = {
  ...common,
  ...rooms,
};
