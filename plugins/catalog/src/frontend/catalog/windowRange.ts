export interface RowRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

/**
 * Which rows of a list of fixed-height rows are on screen, plus `overscan`
 * rows either side so a fast scroll does not show blank space before React
 * catches up. `listTop` is where row 0 starts, in the same coordinates as
 * `viewTop` (the page's scroll position).
 */
export function windowRange(input: {
  viewTop: number;
  viewHeight: number;
  listTop: number;
  rowHeight: number;
  count: number;
  overscan: number;
}): RowRange {
  const { viewTop, viewHeight, listTop, rowHeight, count, overscan } = input;
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor((viewTop - listTop) / rowHeight);
  const last = Math.ceil((viewTop + viewHeight - listTop) / rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.max(start, Math.min(count, Math.max(0, last + overscan)));
  return { start, end };
}
