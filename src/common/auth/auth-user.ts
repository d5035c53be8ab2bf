import type { NetworkRole } from '../../modules/users/user-role.js';

/** Who is calling: resolved from a valid access token on every request and socket. */
export interface AuthUser {
  id: string;
  email: string;
  role: NetworkRole;
  sessionId: string;
}

export function isStaff(user: AuthUser): boolean {
  return user.role === 'admin' || user.role === 'facilitator';
}
