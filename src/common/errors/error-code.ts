/** The closed list of problem `code`s of the public contract (`shared/api-contract.md`). */
export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'validation_failed',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'room_locked',
  'muted',
  'banned',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every code maps to exactly one HTTP status; the filter and the socket acks share it. */
export const STATUS_OF: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  room_locked: 423,
  muted: 403,
  banned: 403,
  unavailable: 503,
  internal: 500,
};
