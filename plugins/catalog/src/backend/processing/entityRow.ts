import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, type Entity } from '@callboard/catalog-model';
import { int4ArrayField, isPlainText, rowStart, textArrayField, textField } from '../database/copyBinary.ts';
import { COUNTED_FACET_KEYS } from '../database/facetCounts.ts';
import { storedJson } from './entityDocument.ts';
import { entityTermsOf, type EntityTerms } from './entityTerms.ts';
import type { FacetPair } from './entityTerms.ts';
import type { ProcessedEntity } from './processEntity.ts';

/** Unique per entity and answered by their columns: their values stay out of the GIN index, which they would only bloat. */
export const UNINDEXED_TERM_KEYS: ReadonlySet<string> = new Set(['metadata.name', 'metadata.uid']);

/**
 * Keys every stored entity has: validation requires them, or processing adds
 * them (namespace, uid, the location annotations). Testing that one exists
 * matches every entity, so queries need no term for it, and rows keep none: a
 * fifth of each row's terms and index entries, the largest posting lists of
 * the index, and nothing a query reads. Their values are terms as any other.
 */
export const ALWAYS_PRESENT_KEYS: ReadonlySet<string> = new Set(
  [
    'apiVersion',
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.uid',
    'metadata.annotations',
    `metadata.annotations.${ANNOTATION_LOCATION}`,
    `metadata.annotations.${ANNOTATION_ORIGIN_LOCATION}`,
  ].map((k) => k.toLowerCase()),
);

/**
 * A new entity's row on PostgreSQL, in COPY's binary format (copyBinary.ts),
 * as far as it can be written before it is known where and when it is
 * written: every column but its location and time. Prepared by the worker
 * thread that processed the entity, with a uid of its own that is used if
 * the entity turns out to be new, so the event loop of a bulk load only
 * joins bytes.
 */
export interface PreparedRow {
  /** The row's field count, then ENTITY_COPY_COLUMNS up to and including its uid. */
  row: Uint8Array;
  /** RELATION_COLUMNS, a row per relation. */
  relations: Uint8Array;
  uid: string;
  /** Its terms of the kept facet keys (facetCounts.ts). */
  facets: FacetPair[];
}

/** The columns of a new entity's row, in the order of its COPY. */
export const ENTITY_COPY_COLUMNS: readonly string[] = [
  'entity_ref',
  'kind',
  'kind_lower',
  'namespace',
  'name',
  'name_lower',
  'source_key',
  'parent_ref',
  'hash',
  'search_text',
  'errors_json',
  'search_terms',
  'search_originals',
  'search_hashes',
  'entity_json',
  'uid',
  // Added where the row is written (KnexEntityStore).
  'location_key',
  'updated_at',
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

/** The etag a stored entity carries: it changes exactly when its content hash does. */
function etagOf(item: Pick<ProcessedEntity, 'hash'>): string {
  return item.hash.slice(0, 20);
}

/** The entity as stored in a row with this uid (SQLite flattens it into entity_search rows). */
export function withRowMetadata(item: ProcessedEntity, uid: string): Entity {
  return { ...item.entity, metadata: { ...item.entity.metadata, uid, etag: etagOf(item) } };
}

/** The row's entity_json: the processed document with this uid and its etag (entityDocument.ts). */
export function storedEntityJson(item: Pick<ProcessedEntity, 'document' | 'hash'>, uid: string): string {
  return storedJson(item.document, uid, etagOf(item));
}

/** The entity's relation rows in COPY's binary format. `plain`: its JSON is plain text (isPlainText), so are its refs. */
export function relationRowsOf(item: Pick<ProcessedEntity, 'ref' | 'relations'>, plain = false): string {
  let rows = '';
  const start = rowStart(RELATION_COLUMNS.length) + textField(item.ref, plain);
  for (const r of item.relations) {
    rows += start + textField(r.type, plain) + textField(r.targetRef, plain) + textField(lower(r.targetRef), plain);
  }
  return rows;
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

/** PostgreSQL's term columns (migrations 07 and 12) and the entity's facet terms. */
export function termsOf(item: Pick<ProcessedEntity, 'entity'>): EntityTerms {
  return entityTermsOf(item.entity, { unindexedKeys: UNINDEXED_TERM_KEYS, facetKeys: COUNTED_FACET_KEYS, presentKeys: ALWAYS_PRESENT_KEYS });
}

export function termValuesOf(terms: EntityTerms): Record<string, unknown> {
  return { search_terms: terms.terms, search_originals: terms.originals, search_hashes: terms.hashes };
}

/** The row of a new entity with this uid, but its location and time, and its relation rows. */
export function prepareRow(item: ProcessedEntity, uid: string): PreparedRow {
  const json = storedEntityJson(item, uid);
  // One look at the document tells whether any of the entity's strings needs encoding.
  const plain = isPlainText(json);
  const terms = termsOf(item);
  const v = rowValuesOf(item);
  const text = (value: unknown) => textField(value as string | null, plain);
  const row =
    rowStart(ENTITY_COPY_COLUMNS.length) +
    text(v.entity_ref) +
    text(v.kind) +
    text(v.kind_lower) +
    text(v.namespace) +
    text(v.name) +
    text(v.name_lower) +
    // Not part of the document: looked at.
    textField(v.source_key as string) +
    textField(v.parent_ref as string | null) +
    text(v.hash) +
    text(v.search_text) +
    textField(v.errors_json as string | null) +
    textArrayField(terms.terms, plain) +
    textArrayField(terms.originals, plain) +
    int4ArrayField(terms.hashes) +
    text(json) +
    text(uid);
  return { row: Buffer.from(row, 'latin1'), relations: Buffer.from(relationRowsOf(item, plain), 'latin1'), uid, facets: terms.facets };
}
