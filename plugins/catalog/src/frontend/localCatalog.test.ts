import { describe, expect, it } from 'vitest';
import type { Entity } from '@callboard/catalog-model';
import { localFacetCounts, matchesFilters, matchesTerm, sortEntities } from './localCatalog.ts';

const entity = (kind: string, name: string, spec: Record<string, unknown> = {}, tags: string[] = [], namespace?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), tags, description: `${name} does things` },
  spec,
});

const a = entity('Component', 'payments', { type: 'service', owner: 'team-a', lifecycle: 'production' }, ['go']);
const b = entity('Component', 'web', { type: 'website', owner: 'team-b', lifecycle: 'experimental' }, ['typescript', 'go']);
const c = entity('API', 'payments-api', { type: 'openapi', owner: 'team-a', lifecycle: 'production' }, [], 'ops');

describe('the starred set, filtered in the browser', () => {
  it('matches any value within a facet and every facet, case-insensitively', () => {
    expect(matchesFilters(a, { kind: ['component', 'api'], lifecycle: ['Production'] })).toBe(true);
    expect(matchesFilters(b, { kind: ['component'], lifecycle: ['production'] })).toBe(false);
    expect(matchesFilters(c, { namespace: ['ops'] })).toBe(true);
    expect(matchesFilters(a, { namespace: ['default'] })).toBe(true);
    expect(matchesFilters(b, { tag: ['GO'] })).toBe(true);
  });

  it('searches the same fields as the server', () => {
    expect(matchesTerm(a, 'PAY')).toBe(true);
    expect(matchesTerm(b, 'team-b')).toBe(true);
    expect(matchesTerm(b, 'typescript')).toBe(true);
    expect(matchesTerm(a, 'website')).toBe(false);
    expect(matchesTerm(a, '  ')).toBe(true);
  });

  it('counts each facet under the other facets only', () => {
    const counts = localFacetCounts([a, b, c], { kind: ['Component'] }, '');
    expect(counts.kind).toEqual([
      { value: 'Component', count: 2 },
      { value: 'API', count: 1 },
    ]);
    expect(counts.owner).toEqual([
      { value: 'team-a', count: 1 },
      { value: 'team-b', count: 1 },
    ]);
    expect(counts.tag).toEqual([
      { value: 'go', count: 2 },
      { value: 'typescript', count: 1 },
    ]);
  });

  it('sorts by a column, blanks first, and by ref on ties', () => {
    const noType = entity('Component', 'zeta');
    expect(sortEntities([b, a, noType], 'type', 'asc').map((e) => e.metadata.name)).toEqual(['zeta', 'payments', 'web']);
    expect(sortEntities([a, c, b], 'owner', 'desc').map((e) => e.metadata.name)).toEqual(['web', 'payments', 'payments-api']);
    expect(sortEntities([c, b, a], 'name', 'asc').map((e) => e.metadata.name)).toEqual(['payments', 'payments-api', 'web']);
  });
});
