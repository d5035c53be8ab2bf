import type { Part } from '../en/index.js';
import type { surveys as en } from '../en/surveys.js';

export const surveys: Part<typeof en> = {};
