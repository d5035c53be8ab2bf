import type { Part } from '../en/index.js';
import type { campaigns as en } from '../en/campaigns.js';

export const campaigns: Part<typeof en> = {
};
