import { describe, expect, it } from 'vitest';
import { flattenEntity, itemTermAlternatives, searchTermsOf, termHash } from './flattenEntity.ts';

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

describe('searchTermsOf', () => {
  const entity = (spec: Record<string, unknown>) =>
    flattenEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'a', tags: ['Java'] }, spec });

  it('keeps every term, and indexes the ones an array item makes only through `key=item`', () => {
    const { terms, hashes } = searchTermsOf(entity({ type: 'service' }));
    expect(terms).toEqual(expect.arrayContaining(['metadata.tags=java', 'metadata.tags.java', 'metadata.tags.java=true', 'spec.type=service']));
    expect(hashes).toContain(termHash('metadata.tags=java'));
    expect(hashes).toContain(termHash('spec.type=service'));
    expect(hashes).not.toContain(termHash('metadata.tags.java'));
    expect(hashes).not.toContain(termHash('metadata.tags.java=true'));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('indexes a term that a real key also makes', () => {
    // spec['x.y'] is a key of its own that happens to spell the item term of spec.x = ['y'].
    const { hashes } = searchTermsOf(entity({ x: ['y'], 'x.y': 'true' }));
    expect(hashes).toContain(termHash('spec.x.y=true'));
  });
});

describe('itemTermAlternatives', () => {
  it('adds every prefix=item split of a key that an array item could have made', () => {
    expect(itemTermAlternatives('metadata.tags.java')).toEqual(['metadata.tags.java', 'metadata=tags.java', 'metadata.tags=java']);
    expect(itemTermAlternatives('spec.dependson.component:default/a.b=true')).toEqual([
      'spec.dependson.component:default/a.b=true',
      'spec=dependson.component:default/a.b',
      'spec.dependson=component:default/a.b',
      'spec.dependson.component:default/a=b',
    ]);
    expect(itemTermAlternatives('spec.type=service')).toEqual(['spec.type=service']);
    expect(itemTermAlternatives('kind')).toEqual(['kind']);
  });
});
