import type { Part } from '../en/index.js';
import type { ballots as en } from '../en/ballots.js';

export const ballots: Part<typeof en> = {
};
