// A list paged by the hub's opaque cursor: the first page on mount (and whenever `key` changes,
// e.g. new filters), then "Show more" appends the next. `reload()` starts over (after a change).
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { Alert } from './form.js';
import { problemText } from './problem.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  items: T[];
  /** Whether the first page has arrived (or failed). */
  loaded: boolean;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  more: () => Promise<void>;
  reload: () => void;
  /** Changes the shown items in place (after an action on one of them). */
  update: (change: (items: T[]) => T[]) => void;
}

export function useCursorList<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  key: string,
): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  // Answers to an older key or round are dropped (typing fast in a search box).
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  async function load(after: string | undefined, gen: number) {
    setLoading(true);
    setError(null);
    try {
      const page = await fetcher.current(after);
      if (gen !== generation.current) return;
      setItems((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (gen === generation.current) setError(e);
    } finally {
      if (gen === generation.current) {
        setLoading(false);
        setLoaded(true);
      }
    }
  }

  useEffect(() => {
    const gen = ++generation.current;
    setCursor(null);
    void load(undefined, gen);
  }, [key, round]);

  return {
    items,
    loaded,
    loading,
    error,
    hasMore: cursor !== null,
    more: () => (cursor ? load(cursor, generation.current) : Promise.resolve()),
    reload: () => setRound((n) => n + 1),
    update: (change) => setItems(change),
  };
}

/** The list's state under it: loading, its error with a retry, nothing found, or "Show more". */
export function ListFooter(props: {
  list: Pick<
    CursorList<unknown>,
    'items' | 'loaded' | 'loading' | 'error' | 'hasMore' | 'more' | 'reload'
  >;
  empty?: string;
}) {
  const { list } = props;
  if (list.error !== null)
    return (
      <div>
        <Alert>{problemText(list.error)}</Alert>
        <button
          type="button"
          onClick={() => (list.items.length ? void list.more() : list.reload())}
        >
          {t('app.retry')}
        </button>
      </div>
    );
  if (!list.loaded) return <p class="loading">{t('app.loading')}</p>;
  if (list.items.length === 0) return <p class="muted">{props.empty ?? t('app.empty')}</p>;
  if (!list.hasMore) return null;
  return (
    <button type="button" class="more" disabled={list.loading} onClick={() => void list.more()}>
      {list.loading ? t('app.loading') : t('app.more')}
    </button>
  );
}
