// Words of the ballot screens.
import { t, type MessageKey } from '../../i18n/index.js';
import type { Method } from './model.js';

export const METHODS: readonly Method[] = ['approval', 'ranked', 'dot'];
export const methodText = (m: Method): string => t(`ballots.method.${m}` as MessageKey);
export const scoreText = (m: Method, n: number): string =>
  t(`ballots.scoreOf.${m}` as MessageKey, { count: n });
export { day, localised, moment, num } from '../assessment/words.js';
