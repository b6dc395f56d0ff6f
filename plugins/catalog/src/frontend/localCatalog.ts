import { DEFAULT_NAMESPACE, type Entity } from '@callboard/catalog-model';
import { CATALOG_FACETS, SORT_FIELDS, type FacetId, type FacetSelection, type SortColumn, type SortOrder } from './catalogView.ts';

/*
 * The server's filtering, counting, searching and sorting, done in the
 * browser for the starred set: it is small (a person's favourites) and comes
 * from by-refs, which neither pages nor counts.
 */

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

/** The values an entity has at a dotted path, as the server indexes them (arrays give one value each). */
export function fieldValues(entity: Entity, field: string): string[] {
  if (field === 'metadata.namespace') return [entity.metadata.namespace ?? DEFAULT_NAMESPACE];
  let value: unknown = entity;
  for (const part of field.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String);
}

function matchesFacet(entity: Entity, field: string, selected: readonly string[]): boolean {
  const wanted = new Set(selected.map(lower));
  return fieldValues(entity, field).some((v) => wanted.has(lower(v)));
}

/** AND across facets, any-of inside one, case-insensitive: the server's rule. */
export function matchesFilters(entity: Entity, filters: FacetSelection, except?: FacetId): boolean {
  return CATALOG_FACETS.every((facet) => {
    const selected = filters[facet.id];
    return facet.id === except || !selected?.length || matchesFacet(entity, facet.field, selected);
  });
}

/** The same text the server searches: name, title, description, type, owner and tags. */
export function matchesTerm(entity: Entity, term: string): boolean {
  const needle = lower(term.trim());
  if (!needle) return true;
  const spec = entity.spec ?? {};
  const haystack = [
    entity.metadata.name,
    entity.metadata.title,
    entity.metadata.description,
    spec['type'],
    spec['owner'],
    ...(entity.metadata.tags ?? []),
  ];
  return haystack.some((v) => typeof v === 'string' && lower(v).includes(needle));
}

export type FacetCounts = Partial<Record<FacetId, { value: string; count: number }[]>>;

/** Each facet's counts under the other facets' selections, like `facetRequests` asks the server. */
export function localFacetCounts(entities: readonly Entity[], filters: FacetSelection, term: string): FacetCounts {
  const searched = entities.filter((e) => matchesTerm(e, term));
  const out: FacetCounts = {};
  for (const facet of CATALOG_FACETS) {
    const counts = new Map<string, { value: string; count: number }>();
    for (const entity of searched) {
      if (!matchesFilters(entity, filters, facet.id)) continue;
      for (const value of new Set(fieldValues(entity, facet.field))) {
        const key = lower(value);
        const entry = counts.get(key) ?? { value, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    out[facet.id] = [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return out;
}

/** Sorted like the server: by the column's value, blanks first, then by ref so the order is stable. */
export function sortEntities(entities: readonly Entity[], sort: SortColumn, order: SortOrder): Entity[] {
  const field = SORT_FIELDS[sort];
  const key = (e: Entity) => lower(fieldValues(e, field)[0] ?? '');
  const ref = (e: Entity) => lower(`${e.kind}:${e.metadata.namespace ?? DEFAULT_NAMESPACE}/${e.metadata.name}`);
  const sign = order === 'asc' ? 1 : -1;
  return [...entities].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -sign : sign;
    const ra = ref(a);
    const rb = ref(b);
    return ra === rb ? 0 : ra < rb ? -sign : sign;
  });
}
