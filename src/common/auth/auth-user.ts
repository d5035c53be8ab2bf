import type { Language } from '../languages.js';
import type { NetworkRole } from '../../modules/users/user-role.js';

/** Who is calling: resolved from a valid access token on every request and socket. */
export interface AuthUser {
  id: string;
  email: string;
  role: NetworkRole;
  sessionId: string;
  /**
   * Read fresh with the session on every request (the same query, no extra round trip), so a
   * change of language applies at once; not an access-token claim, which would go stale.
   */
  preferredLanguage: Language;
}

export function isStaff(user: AuthUser): boolean {
  return user.role === 'admin' || user.role === 'facilitator';
}
