import type { Part } from '../en/index.js';
import type { legal as en } from '../en/legal.js';

export const legal: Part<typeof en> = {
};
