// Read screens that still open without a connection: the last answer for a scope is kept on the
// phone (the per-user cache, wiped at sign-out) and shown, with the time it was saved, when the hub
// cannot be reached. A refusal (404, 403, …) is never covered up by a kept copy.
import { HubUnreachable } from '../../api/tokens.js';
import { cacheGet, cachePut } from '../../offline/db.js';
import { me } from '../../session.js';

export interface Kept<T> {
  value: T;
  /** When the shown copy was saved (ms), or null when it is the hub's answer just now. */
  savedAt: number | null;
}

export async function fetchKept<T>(scope: string, get: () => Promise<T>): Promise<Kept<T>> {
  const user = me.value;
  try {
    const value = await get();
    if (user)
      void cachePut(user.id, `as:${scope}`, { savedAt: Date.now(), value }).catch(() => undefined);
    return { value, savedAt: null };
  } catch (e) {
    if (!(e instanceof HubUnreachable) || !user) throw e;
    const kept = await cacheGet<{ savedAt: number; value: T }>(user.id, `as:${scope}`).catch(
      () => undefined,
    );
    if (!kept) throw e;
    return kept;
  }
}
