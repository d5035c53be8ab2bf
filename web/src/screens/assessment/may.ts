// Who may do what on these screens, as the contract says; the hub decides in the end (a refusal
// shows as its problem), this only hides controls that would be refused.
import type { User } from '../../api/client.js';

export const staff = (user: User | null): boolean =>
  user?.role === 'facilitator' || user?.role === 'admin';

/** Focus groups are recorded by staff and by representatives of organisations. */
export const canRecord = (user: User | null): boolean =>
  staff(user) || (user?.organisations ?? []).some((o) => o.role === 'representative');

/** Organisations the user may record a focus group for. */
export const representing = (user: User | null) =>
  (user?.organisations ?? []).filter((o) => o.role === 'representative');
