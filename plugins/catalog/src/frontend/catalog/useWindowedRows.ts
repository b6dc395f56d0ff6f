import { useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { windowRange, type RowRange } from './windowRange.ts';

/**
 * The rows of a page-scrolled list that should be in the DOM. The page
 * itself scrolls (not an inner box), so the browser's own scrolling, the
 * sticky header and keyboard paging all keep working; only the rows near
 * the viewport exist. Re-renders only when that range changes.
 */
export function useWindowedRows(
  listRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 12,
): RowRange {
  // Before the first measurement: enough rows for a tall screen, so the first paint is not empty.
  const [range, setRange] = useState<RowRange>(() => ({ start: 0, end: Math.min(count, 40) }));

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = (sync: boolean) => {
      const listTop = list.getBoundingClientRect().top + window.scrollY;
      const next = windowRange({ viewTop: window.scrollY, viewHeight: window.innerHeight, listTop, rowHeight, count, overscan });
      const apply = () => setRange((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
      // Rendering in the scroll event itself puts the new rows in the same frame as the scroll.
      if (sync) flushSync(apply);
      else apply();
    };
    measure(false);
    const onScroll = () => measure(true);
    const onResize = () => measure(false);
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onResize);
    // Content above the list can change height (filter chips wrapping, a banner).
    const observer = new ResizeObserver(onResize);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onResize);
      observer.disconnect();
    };
  }, [listRef, count, rowHeight, overscan]);

  return { start: Math.min(range.start, count), end: Math.min(range.end, count) };
}
