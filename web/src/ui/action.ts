// One mutation on a screen: busy while it is sent (its button disabled), its failure kept for
// problemText()/fieldErrors(). `run` answers whether it succeeded.
import { useState } from 'preact/hooks';

export interface Action {
  busy: boolean;
  error: unknown;
  run: (send: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return {
    busy,
    error,
    clear: () => setError(null),
    async run(send) {
      setBusy(true);
      setError(null);
      try {
        await send();
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
