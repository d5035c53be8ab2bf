export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'blocked', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An action in one of these is finished with: never overdue, never notified. */
export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ['done', 'dropped'];

/** The organisation kinds an action may target (whom the network asks to act). */
export const AUTHORITY_KINDS = ['state_administration', 'government_body'] as const;

export const MAX_WEIGHT = 100;
