import type { Messages } from '../en/index.js';
import { common } from './common.js';
import { issues } from './issues.js';

export const ru: Messages = {
  ...common,
  ...issues,
};
