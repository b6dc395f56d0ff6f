import { describe, expect, it } from 'vitest';
import { termHash } from './flattenEntity.ts';

describe('termHash', () => {
  it('is 32-bit FNV-1a (published test vectors), as a signed int4', () => {
    // Stored in every PostgreSQL row: a change here needs a migration that rehashes.
    expect(termHash('') >>> 0).toBe(0x811c9dc5);
    expect(termHash('a') >>> 0).toBe(0xe40c292c);
    expect(termHash('foobar') >>> 0).toBe(0xbf9cf968);
    expect(termHash('foobar')).toBe(0xbf9cf968 | 0);
    expect(termHash('kind=component')).toBeGreaterThanOrEqual(-(2 ** 31));
    expect(termHash('kind=component')).toBeLessThan(2 ** 31);
  });
});
