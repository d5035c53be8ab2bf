import type { Part } from '../en/index.js';
import type { reports as en } from '../en/reports.js';

export const reports: Part<typeof en> = {
};
