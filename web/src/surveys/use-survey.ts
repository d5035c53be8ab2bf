// One survey for a screen: from the hub, kept on the phone (per user) so a form opens offline;
// from the phone alone when the hub cannot be reached.
import { useEffect, useState } from 'preact/hooks';
import { HubUnreachable } from '../api/tokens.js';
import { cacheGet, cachePut } from '../offline/db.js';
import { getSurvey, type SurveyView } from './api.js';

export interface Loaded {
  survey: SurveyView | null;
  error: unknown;
  /** Shown from the copy on the phone (the hub could not be reached). */
  kept: boolean;
  reload: () => void;
}

export function useSurvey(id: string, userId: string | undefined): Loaded {
  const [survey, setSurvey] = useState<SurveyView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [kept, setKept] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    getSurvey(id)
      .then((s) => {
        if (!live) return;
        setSurvey(s);
        setKept(false);
        if (userId) void cachePut(userId, `survey:${id}`, s).catch(() => undefined);
      })
      .catch(async (e: unknown) => {
        const copy =
          userId && e instanceof HubUnreachable
            ? await cacheGet<SurveyView>(userId, `survey:${id}`).catch(() => undefined)
            : undefined;
        if (!live) return;
        if (copy) {
          setSurvey(copy);
          setKept(true);
        } else setError(e);
      });
    return () => {
      live = false;
    };
  }, [id, userId, round]);
  return { survey, error, kept, reload: () => setRound((n) => n + 1) };
}
