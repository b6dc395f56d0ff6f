import { describe, expect, it } from 'vitest';
import { parseStarred, toggleStarred } from './starredEntities.ts';

describe('starred entities in local storage', () => {
  it('reads refs, lowercased and without duplicates, and ignores anything else', () => {
    expect(parseStarred('["component:default/Payments","component:default/payments","api:ops/x",42,"nonsense"]')).toEqual([
      'component:default/payments',
      'api:ops/x',
    ]);
    expect(parseStarred(null)).toEqual([]);
    expect(parseStarred('{not json')).toEqual([]);
    expect(parseStarred('{"a":1}')).toEqual([]);
  });

  it('toggles a ref in and out, whatever its case', () => {
    const once = toggleStarred([], 'Component:default/Payments');
    expect(once).toEqual(['component:default/payments']);
    expect(toggleStarred(once, 'component:default/PAYMENTS')).toEqual([]);
  });
});
