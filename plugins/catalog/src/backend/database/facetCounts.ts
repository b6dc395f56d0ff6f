import type { Knex } from 'knex';
import type { FilterNode } from '../query/filterTree.ts';
import type { FacetPair } from '../processing/entityTerms.ts';

/**
 * Facet counts kept per location and kind (PostgreSQL, migration 10).
 *
 * Counting a facet over the whole catalog from the entities' term arrays
 * unpacks every array: about a second at 100,000 entities, paid again after
 * every write, since a write invalidates cached aggregates. The catalog
 * page asks for the same few facets, unfiltered or filtered by kind alone,
 * on every visit. For those keys the counts are kept in a table of a few
 * thousand rows, rewritten per location inside the transaction that
 * changes the location's entities, so summing them is always exact.
 */
export const COUNTED_FACET_KEYS: ReadonlySet<string> = new Set([
  'kind',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'metadata.tags',
  'metadata.namespace',
]);

const TABLE = 'entity_facet_counts';
const PATTERNS = [...COUNTED_FACET_KEYS].map((k) => `${k}=%`);

export type FacetCountRow = {
  location_key: string;
  kind: string;
  term: string;
  n: number;
  label: string | null;
};

/** Rewrites one location's counts from its stored entities. */
export async function recountLocation(tx: Knex, locationKey: string): Promise<void> {
  await tx(TABLE).where('location_key', locationKey).delete();
  // ON CONFLICT: two replicas may recount the same location at once.
  await tx.raw(
    `INSERT INTO ${TABLE} (location_key, kind, term, n, label)
     SELECT c.location_key, c.kind, c.term, c.n, l.label
     FROM (
       SELECT e.location_key, e.kind_lower AS kind, t.term, count(*) AS n
       FROM entities e CROSS JOIN LATERAL unnest(e.search_terms) AS t(term)
       WHERE e.location_key = ? AND t.term LIKE ANY (?::text[])
       GROUP BY e.location_key, e.kind_lower, t.term
     ) c
     LEFT JOIN (
       SELECT e.kind_lower AS kind, lower(o.term) AS term, min(o.term) AS label
       FROM entities e CROSS JOIN LATERAL unnest(e.search_originals) AS o(term)
       WHERE e.location_key = ? AND o.term LIKE ANY (?::text[])
       GROUP BY e.kind_lower, lower(o.term)
     ) l ON l.kind = c.kind AND l.term = c.term
     ON CONFLICT (location_key, kind, term) DO UPDATE SET n = excluded.n, label = excluded.label`,
    [locationKey, PATTERNS as unknown as string, locationKey, PATTERNS as unknown as string],
  );
}

/**
 * The counts of entities a location has just inserted into an empty slot,
 * computed from the rows in hand: a bulk load then writes a few rows per
 * location instead of unpacking what it has just written. Works on each
 * entity's facet terms (entityTerms.ts), whose keys are already
 * apart from their values.
 */
export function countsOfNewRows(
  locationKey: string,
  rows: readonly { kind_lower: string; facets: readonly FacetPair[] }[],
): FacetCountRow[] {
  const counts = new Map<string, FacetCountRow>();
  for (const row of rows) {
    for (const [term, label] of row.facets) {
      const id = `${row.kind_lower}\u0000${term}`;
      let hit = counts.get(id);
      if (hit) hit.n++;
      else counts.set(id, (hit = { location_key: locationKey, kind: row.kind_lower, term, n: 1, label: null }));
      // Labels as the recount gives them: the least original spelling that differs from the lowercased value.
      if (label !== null && (hit.label === null || label < hit.label)) hit.label = label;
    }
  }
  return [...counts.values()];
}

/**
 * The kinds a filter restricts to, when a filter does nothing else: [] for
 * no restriction, undefined when the filter is more than a choice of kinds
 * (the kept counts cannot answer it).
 */
export function kindsOnly(filter: FilterNode | undefined): string[] | undefined {
  if (!filter) return [];
  if (filter.op === 'match') {
    if (filter.key.toLowerCase() !== 'kind' || filter.prefix !== undefined) return undefined;
    return filter.values ? filter.values.map((v) => v.toLowerCase()) : [];
  }
  if ((filter.op === 'all' || filter.op === 'any') && filter.nodes.length === 1) return kindsOnly(filter.nodes[0]);
  if (filter.op === 'any') {
    const parts = filter.nodes.map(kindsOnly);
    if (parts.some((p) => p === undefined)) return undefined;
    // One branch without a restriction makes the whole choice unrestricted.
    return parts.some((p) => p!.length === 0) ? [] : [...new Set(parts.flat() as string[])];
  }
  return undefined;
}

/** Counts and labels of the terms of these keys, summed over the kept counts. */
export async function keptFacetCounts(
  knex: Knex,
  lowerKeys: readonly string[],
  kinds: readonly string[],
): Promise<{ term: string; n: number; label: string | null }[]> {
  const patterns = [...new Set(lowerKeys)].map((k) => `${k}=%`);
  const query = knex(TABLE)
    .select('term', knex.raw('sum(n)::int AS n'), knex.raw('min(label) AS label'))
    .whereRaw('term LIKE ANY (?::text[])', [patterns as unknown as string])
    .groupBy('term');
  if (kinds.length) query.whereIn('kind', kinds);
  return (await query) as { term: string; n: number; label: string | null }[];
}
