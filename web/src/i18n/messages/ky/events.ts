import type { Part } from '../en/index.js';
import type { events as en } from '../en/events.js';

export const events: Part<typeof en> = {
};
