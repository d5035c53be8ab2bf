export const ROOM_KINDS = ['network', 'issue', 'organisation', 'private'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const SANCTION_KINDS = ['mute', 'ban'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const FLAG_STATUSES = ['open', 'dismissed', 'actioned'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const FLAG_ACTIONS = ['dismiss', 'hide', 'mute', 'ban'] as const;
export type FlagAction = (typeof FLAG_ACTIONS)[number];

export const MESSAGE_MAX_LENGTH = 4000;
