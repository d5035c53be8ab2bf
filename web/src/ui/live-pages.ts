// A list paged by the hub's cursor that other events also change (new ones arrive live): the
// first page on opening and again whenever the socket (re)connects, "more" appends the next page (leaving
// out what is already shown), `setItems` for the live changes.
import { useEffect, useState } from 'preact/hooks';
import { onConnect } from '../realtime/socket.js';
import type { Page } from './cursor-list.js';

export function useLivePages<P extends Page<{ id: string }>>(
  fetch: (cursor?: string) => Promise<P>,
  onPage?: (page: P) => void,
) {
  const [items, setItems] = useState<P['items'] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = (cursor?: string) => {
    setBusy(true);
    fetch(cursor).then(
      (page) => {
        setItems((before) => {
          if (!cursor) return page.items;
          const seen = new Set((before ?? []).map((n) => n.id));
          return [...(before ?? []), ...page.items.filter((n) => !seen.has(n.id))];
        });
        setNext(page.nextCursor);
        onPage?.(page);
        setError(null);
        setBusy(false);
      },
      (e: unknown) => {
        setError(e);
        setBusy(false);
      },
    );
  };

  useEffect(() => {
    load();
    // Events missed while the socket was away (or before it first came) are not replayed.
    return onConnect(() => load());
  }, []);

  return { items, setItems, next, error, setError, busy, load };
}
