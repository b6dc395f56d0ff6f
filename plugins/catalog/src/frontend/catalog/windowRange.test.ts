import { describe, expect, it } from 'vitest';
import { windowRange } from './windowRange.ts';

const base = { rowHeight: 50, count: 100_000, overscan: 5 };

describe('rows in the window', () => {
  it('renders the first screenful plus overscan before scrolling', () => {
    expect(windowRange({ ...base, viewTop: 0, viewHeight: 800, listTop: 300 })).toEqual({ start: 0, end: 15 });
  });

  it('keeps only the rows near the viewport deep in a long list', () => {
    const range = windowRange({ ...base, viewTop: 2_500_300, viewHeight: 1000, listTop: 300 });
    expect(range).toEqual({ start: 49_995, end: 50_025 });
    expect(range.end - range.start).toBeLessThan(40);
  });

  it('clamps at both ends and handles an empty list', () => {
    expect(windowRange({ ...base, viewTop: 9e9, viewHeight: 800, listTop: 0 })).toEqual({ start: 100_000, end: 100_000 });
    expect(windowRange({ ...base, count: 3, viewTop: 0, viewHeight: 800, listTop: 0 })).toEqual({ start: 0, end: 3 });
    expect(windowRange({ ...base, count: 0, viewTop: 0, viewHeight: 800, listTop: 0 })).toEqual({ start: 0, end: 0 });
  });
});
