import type { Messages } from '../en/index.js';
import { common } from './common.js';

export const ky: Messages = {
  ...common,
};
