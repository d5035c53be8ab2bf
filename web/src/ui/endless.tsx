// An endless list: the next page of a cursor list loads when its end scrolls into view
// (IntersectionObserver); the footer's real "Show more" button stays for keyboard and
// screen-reader users and for browsers without the observer.
import { useEffect, useRef } from 'preact/hooks';
import { ListFooter, type CursorList } from './cursor-list.js';

export function Endless<T>(props: { list: CursorList<T>; empty?: string }) {
  const { list } = props;
  const end = useRef<HTMLDivElement>(null);
  const state = useRef(list);
  state.current = list;
  useEffect(() => {
    const el = end.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver((entries) => {
      const now = state.current;
      if (
        entries.some((e) => e.isIntersecting) &&
        now.hasMore &&
        !now.loading &&
        now.error === null
      )
        void now.more();
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, []);
  return (
    <div class="load-more" ref={end}>
      <ListFooter list={list} empty={props.empty} />
    </div>
  );
}
