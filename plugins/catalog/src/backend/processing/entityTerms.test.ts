import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { validateEntity, type Entity } from '@callboard/catalog-model';
import { flattenEntity } from './flattenEntity.ts';
import { entityTermsOf, itemTermAlternatives, termHash } from './entityTerms.ts';

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

const NO_KEYS: ReadonlySet<string> = new Set();
const termsOf = (entity: Entity, facetKeys = NO_KEYS, unindexedKeys = NO_KEYS) => entityTermsOf(entity, { unindexedKeys, facetKeys });

describe('entityTermsOf', () => {
  const entity = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'a', tags: ['Java'], ...metadata },
    spec,
  });

  it('keeps every term, and indexes the ones an array item makes only through `key=item`', () => {
    const { terms, hashes } = termsOf(entity({ type: 'service' }));
    expect(terms).toEqual(expect.arrayContaining(['metadata.tags=java', 'metadata.tags.java', 'metadata.tags.java=true', 'spec.type=service']));
    expect(hashes).toContain(termHash('metadata.tags=java'));
    expect(hashes).toContain(termHash('spec.type=service'));
    expect(hashes).not.toContain(termHash('metadata.tags.java'));
    expect(hashes).not.toContain(termHash('metadata.tags.java=true'));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('indexes a term that a real key also makes, whichever comes first', () => {
    // spec['x.y'] is a key of its own that happens to spell the item term of spec.x = ['y'].
    expect(termsOf(entity({ x: ['y'], 'x.y': 'true' })).hashes).toContain(termHash('spec.x.y=true'));
    expect(termsOf(entity({ 'x.y': 'true', x: ['y'] })).hashes).toContain(termHash('spec.x.y=true'));
  });

  it('gives unindexed keys and the uid only their existence, and the etag nothing', () => {
    const { terms } = termsOf(entity({}, { uid: 'u-1', etag: 'e-1' }), NO_KEYS, new Set(['metadata.name', 'metadata.uid']));
    expect(terms).toContain('metadata.name');
    expect(terms).toContain('metadata.uid');
    expect(terms.filter((t) => t.startsWith('metadata.name=') || t.startsWith('metadata.uid') || t.startsWith('metadata.etag'))).toEqual(['metadata.uid']);
    // A row always has a uid, given or not yet known.
    expect(termsOf(entity({})).terms).toContain('metadata.uid');
  });

  it('keeps values as written where they differ, once per pair, and the facet terms of the kept keys', () => {
    const { originals, facets, terms } = termsOf(entity({ type: 'Service', owner: 'team-a' }, { tags: ['Java', 'java', 'Go'] }), new Set(['spec.type', 'metadata.tags', 'spec.owner']));
    expect(originals).toEqual(['kind=Component', 'metadata.tags=Java', 'metadata.tags=Go', 'spec.type=Service']);
    expect(facets).toEqual([
      ['metadata.tags=java', 'metadata.tags=Java'],
      ['metadata.tags=go', 'metadata.tags=Go'],
      ['spec.type=service', 'spec.type=Service'],
      ['spec.owner=team-a', null],
    ]);
    expect(terms.filter((t) => t === 'metadata.tags=java')).toHaveLength(1);
  });

  it('keeps no existence term for keys every entity has, and keeps their values', () => {
    const { terms, hashes } = entityTermsOf(entity({ type: 'service' }), { unindexedKeys: NO_KEYS, facetKeys: NO_KEYS, presentKeys: new Set(['kind', 'apiversion']) });
    expect(terms).not.toContain('kind');
    expect(terms).not.toContain('apiversion');
    expect(hashes).not.toContain(termHash('kind'));
    expect(terms).toContain('kind=component');
    expect(hashes).toContain(termHash('kind=component'));
    expect(terms).toContain('spec.type');
  });

  it('leaves out long keys and long values, keeping a long value\'s existence', () => {
    const { terms } = termsOf(entity({ long: 'v'.repeat(201), ['k'.repeat(200)]: 'x' }));
    expect(terms).toContain('spec.long');
    expect(terms.some((t) => t.startsWith('spec.long='))).toBe(false);
    expect(terms.some((t) => t.startsWith('spec.kkk'))).toBe(false);
  });

  // flattenEntity's rows (SQLite) and these terms (PostgreSQL) must answer every filter alike.
  it('states the same facts as flattenEntity for every valid fixture entity', () => {
    const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/catalog', import.meta.url));
    const files = (function list(dir: string): string[] {
      return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? list(path.join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [path.join(dir, d.name)] : []));
    })(fixtures);
    let compared = 0;
    for (const file of files) {
      let documents: unknown[];
      try {
        documents = yaml.loadAll(fs.readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      for (const document of documents) {
        const validation = validateEntity(document);
        if (!validation.ok) continue;
        const rows = flattenEntity(validation.entity);
        // A row's uid is only ever an existence term.
        const expected = new Set(['metadata.uid', ...rows.flatMap((r) => (r.value === undefined ? [r.key] : [r.key, `${r.key}=${r.value}`]))]);
        for (const term of expected) if (term.startsWith('metadata.uid=')) expected.delete(term);
        expect(new Set(termsOf(validation.entity).terms), file).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
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
