export const NETWORK_ROLES = ['admin', 'facilitator', 'member'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];
