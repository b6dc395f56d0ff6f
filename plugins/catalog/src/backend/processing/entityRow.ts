import type { Entity } from '@callboard/catalog-model';
import { copyField, type ColumnType } from '../database/copyText.ts';
import { COUNTED_FACET_KEYS } from '../database/facetCounts.ts';
import { flattenEntity, searchTermsOf, type SearchRow } from './flattenEntity.ts';
import type { ProcessedEntity } from './processEntity.ts';

/** Unique per entity and answered by their columns: their values stay out of the GIN index, which they would only bloat. */
export const UNINDEXED_TERM_KEYS: ReadonlySet<string> = new Set(['metadata.name', 'metadata.uid']);

/** A term of a kept facet key (`key=value`, lowercased) and its label as written, where that differs. */
export type FacetPair = [term: string, label: string | null];

/**
 * An entity's row on PostgreSQL, in COPY's text format, as far as it can be
 * written before the row's uid is known: the whole row but its document, uid,
 * location and time. Prepared by the worker thread that processed the entity,
 * so the event loop of a bulk load only joins text.
 */
export interface PreparedRow {
  /** PREPARED_COLUMNS, tab-separated. */
  fields: string;
  /** RELATION_COLUMNS, a line per relation. */
  relationLines: string;
  /** Its terms of the kept facet keys (facetCounts.ts). */
  facets: FacetPair[];
}

export const PREPARED_COLUMNS: readonly { name: string; type: ColumnType }[] = [
  ...['entity_ref', 'kind', 'kind_lower', 'namespace', 'name', 'name_lower', 'source_key', 'parent_ref', 'hash', 'search_text', 'errors_json'].map(
    (name) => ({ name, type: 'text' as ColumnType }),
  ),
  { name: 'search_terms', type: 'terms' },
  { name: 'search_originals', type: 'terms' },
  { name: 'search_hashes', type: 'hashes' },
];

export const RELATION_COLUMNS: readonly string[] = ['source_ref', 'type', 'target_ref', 'target_key'];

const lower = (s: string) => s.toLowerCase();

/** What a free-text search without fields looks in, lowercased. */
export function searchTextOf(entity: Entity): string {
  const spec = entity.spec ?? {};
  return [
    entity.metadata.name,
    entity.metadata.title,
    entity.metadata.description,
    typeof spec.type === 'string' ? spec.type : undefined,
    typeof spec.owner === 'string' ? spec.owner : undefined,
    ...(entity.metadata.tags ?? []),
  ]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join('\n')
    .toLowerCase();
}

export function errorsJsonOf(item: Pick<ProcessedEntity, 'status'>): string | null {
  return item.status.length ? JSON.stringify(item.status.map((s) => ({ level: s.level, message: s.message }))) : null;
}

/** The entity as its row's terms see it: the uid's value is never a term (UNINDEXED_TERM_KEYS), only its existence. */
export function withRowMetadata(item: ProcessedEntity, uid: string): Entity {
  return { ...item.entity, metadata: { ...item.entity.metadata, uid, etag: item.hash.slice(0, 20) } };
}

export function facetPairsOf(search: readonly SearchRow[]): FacetPair[] {
  const pairs: FacetPair[] = [];
  for (const pair of search) {
    if (pair.value === undefined || !COUNTED_FACET_KEYS.has(pair.key)) continue;
    pairs.push([`${pair.key}=${pair.value}`, pair.original !== undefined && pair.original !== pair.value ? `${pair.key}=${pair.original}` : null]);
  }
  return pairs;
}

export function relationLinesOf(item: Pick<ProcessedEntity, 'ref' | 'relations'>): string {
  let lines = '';
  const source = copyField('text', item.ref);
  for (const r of item.relations) lines += `${source}\t${copyField('text', r.type)}\t${copyField('text', r.targetRef)}\t${copyField('text', lower(r.targetRef))}\n`;
  return lines;
}

/**
 * The columns of an entity's row that need neither its uid, its location nor
 * its terms: one source for rows prepared as COPY text (prepareRow) and rows
 * written from these values (KnexEntityStore).
 */
export function rowValuesOf(item: ProcessedEntity): Record<string, unknown> {
  const entity = item.entity;
  return {
    entity_ref: item.ref,
    kind: entity.kind,
    kind_lower: lower(entity.kind),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    name_lower: lower(entity.metadata.name),
    source_key: item.sourceKey,
    parent_ref: item.parentRef ?? null,
    hash: item.hash,
    search_text: searchTextOf(entity),
    errors_json: errorsJsonOf(item),
  };
}

/** PostgreSQL's term columns (migration 07), from flattenEntity of withRowMetadata(item, ...). */
export function termValuesOf(search: readonly SearchRow[]): Record<string, unknown> {
  const terms = searchTermsOf(search, UNINDEXED_TERM_KEYS);
  return { search_terms: terms.terms, search_originals: terms.originals, search_hashes: terms.hashes };
}

export function prepareRow(item: ProcessedEntity): PreparedRow {
  const search = flattenEntity(withRowMetadata(item, ''));
  const values = { ...rowValuesOf(item), ...termValuesOf(search) };
  let fields = '';
  for (let i = 0; i < PREPARED_COLUMNS.length; i++) fields += (i ? '\t' : '') + copyField(PREPARED_COLUMNS[i]!.type, values[PREPARED_COLUMNS[i]!.name]);
  return { fields, relationLines: relationLinesOf(item), facets: facetPairsOf(search) };
}
