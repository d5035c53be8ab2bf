import type { Part } from '../en/index.js';
import type { assessment as en } from '../en/assessment.js';

export const assessment: Part<typeof en> = {};
