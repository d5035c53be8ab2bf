export const EVENT_KINDS = [
  'training',
  'round_table',
  'focus_group',
  'network_meeting',
  'presentation',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** `planned` until the organiser closes it with minutes: then `held`. */
export const EVENT_STATUSES = ['planned', 'held'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Who a focus group gathered (an extension of the contract: kind focus_group only). */
export const FOCUS_GROUPS = ['women', 'youth', 'mixed'] as const;
export type FocusGroup = (typeof FOCUS_GROUPS)[number];

export const REGISTRATION_STATUSES = ['registered', 'waitlisted'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ATTENDANCE_ROLES = ['participant', 'speaker', 'facilitator'] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];
