export const ORGANISATION_KINDS = [
  'aiyl_okmotu',
  'aiyl_kenesh',
  'state_administration',
  'government_body',
  'ngo',
  'community_group',
  'international_partner',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** `none` until a representative applies; a rejected organisation may apply again. */
export const NETWORK_STATUSES = ['none', 'pending', 'member', 'rejected'] as const;
export type NetworkStatus = (typeof NETWORK_STATUSES)[number];

export const ORGANISATION_ROLES = ['representative', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];
