// An endless list paged by the hub's cursor (`nextCursor`): the next page loads when the end of
// the list scrolls into view (IntersectionObserver) or when the button is pressed (keyboard and
// screen-reader users, and browsers without the observer).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { problemText } from './problem.js';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  items: T[];
  /** Replace the items shown (e.g. one added or changed in place). */
  setItems: (update: (items: T[]) => T[]) => void;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  /** Loads the next page (nothing when one is loading or there is none). */
  more: () => void;
  /** Starts again from the first page. */
  reload: () => void;
}

/**
 * Pages of `load(cursor)`; starts again whenever `key` changes (answers for an older key are
 * dropped); a null key waits. `load(undefined)` is the first page.
 */
export function useCursorList<T>(
  key: string | null,
  load: (cursor: string | undefined) => Promise<CursorPage<T>>,
): CursorList<T> {
  const [items, setItemsState] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback((from: string | undefined, fresh: boolean) => {
    const mine = fresh ? ++generation.current : generation.current;
    busy.current = true;
    setLoading(true);
    setError(null);
    loadRef.current(from).then(
      (page) => {
        if (mine !== generation.current) return;
        setItemsState((old) => (fresh ? page.items : [...old, ...page.items]));
        setCursor(page.nextCursor);
        busy.current = false;
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== generation.current) return;
        setError(e);
        busy.current = false;
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setItemsState([]);
    setCursor(undefined);
    if (key === null) {
      generation.current++;
      return;
    }
    fetchPage(undefined, true);
  }, [key, fetchPage]);

  const more = useCallback(() => {
    if (busy.current || !cursor) return;
    fetchPage(cursor, false);
  }, [cursor, fetchPage]);

  return {
    items,
    setItems: (update) => setItemsState(update),
    loading,
    error,
    hasMore: typeof cursor === 'string',
    more,
    reload: () => fetchPage(undefined, true),
  };
}

/** The end of a cursor list: loads more when seen, with a real button; says when it failed. */
export function LoadMore<T>(props: { list: CursorList<T>; label?: string }) {
  const { list } = props;
  const sentinel = useRef<HTMLDivElement>(null);
  const more = useRef(list.more);
  more.current = list.more;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined' || !list.hasMore || list.error) return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more.current();
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [list.hasMore, list.error]);
  return (
    <div class="load-more" ref={sentinel}>
      {list.error !== null && (
        <p role="alert" class="alert error">
          {problemText(list.error)}
        </p>
      )}
      {list.loading && <p class="loading">{t('app.loading')}</p>}
      {(list.hasMore || list.error !== null) && !list.loading && (
        <button type="button" onClick={() => (list.hasMore ? list.more() : list.reload())}>
          {list.error !== null ? t('app.retry') : (props.label ?? t('app.more'))}
        </button>
      )}
    </div>
  );
}
