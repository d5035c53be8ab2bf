// Read screens that still open without a connection: the last answer for a scope is kept on the
// phone (the per-user cache, wiped at sign-out) and shown, with the time it was saved, when the hub
// cannot be reached. A refusal (404, 403, …) is never covered up by a kept copy.
import { useEffect, useState } from 'preact/hooks';
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

export interface KeptReading<T> {
  /** The hub's answer or the kept copy; null while the first reading is under way or failed. */
  value: T | null;
  savedAt: number | null;
  /** The last reading's failure, if any (a shown value may still be there from before). */
  error: unknown;
  /** Replaces the shown value (after an action answered with the new state). */
  set: (value: T) => void;
  /** Reads again (a retry, or something sent from the outbox changed it). */
  reload: () => void;
}

/** `fetchKept` as a screen's state: read on mount, whenever `scope` changes and on `reload`. */
export function useKept<T>(scope: string, get: () => Promise<T>): KeptReading<T> {
  const [value, setValue] = useState<T | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    fetchKept(scope, get).then(
      (kept) => {
        if (!live) return;
        setValue(kept.value);
        setSavedAt(kept.savedAt);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // `get` is a new closure each render; `scope` names what it reads.
  }, [scope, round]);
  return { value, savedAt, error, set: setValue, reload: () => setRound((n) => n + 1) };
}
