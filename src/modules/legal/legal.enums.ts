/** Kinds of legal act the library holds (contract, "Advocacy"). */
export const LEGAL_ACT_KINDS = [
  'constitution',
  'code',
  'law',
  'government_decree',
  'local_decision',
  'international_agreement',
  'document',
] as const;
export type LegalActKind = (typeof LEGAL_ACT_KINDS)[number];

export const LEGAL_ACT_STATUSES = ['in_force', 'amended', 'repealed'] as const;
export type LegalActStatus = (typeof LEGAL_ACT_STATUSES)[number];

/** What a provision does for an issue. */
export const LINK_RELATIONS = [
  'grants_right',
  'assigns_duty',
  'sets_deadline',
  'gap',
  'conflict',
] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export const LINK_STATUSES = ['proposed', 'confirmed', 'rejected'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/**
 * An Akoma Ntoso style eId: components joined by `__`, each a lower-case name with an optional
 * `_` and number or letter (`art_12__para_3`, `chp_2__art_5__point_b`, `preamble`, `art_7-1`).
 * The same pattern is a CHECK constraint of `legal_provisions`.
 */
export const EID_PATTERN =
  /^[a-z]{1,20}(_[0-9a-z]{1,12}(-[0-9a-z]{1,6})?)?(__[a-z]{1,20}(_[0-9a-z]{1,12}(-[0-9a-z]{1,6})?)?){0,9}$/;
export const EID_MAX = 200;
