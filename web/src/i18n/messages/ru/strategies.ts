import type { Part } from '../en/index.js';
import type { strategies as en } from '../en/strategies.js';

export const strategies: Part<typeof en> = {
};
