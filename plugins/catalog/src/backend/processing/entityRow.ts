import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, type Entity } from '@callboard/catalog-model';
import { copyField, type ColumnType } from '../database/copyText.ts';
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

/** `plain`: the entity's JSON holds no escape (plainDocument), so neither do its refs. */
export function relationLinesOf(item: Pick<ProcessedEntity, 'ref' | 'relations'>, plain = false): string {
  let lines = '';
  const source = copyField('text', item.ref, plain);
  for (const r of item.relations) {
    lines += `${source}\t${copyField('text', r.type, plain)}\t${copyField('text', r.targetRef, plain)}\t${copyField('text', lower(r.targetRef), plain)}\n`;
  }
  return lines;
}

/**
 * Whether no string of the entity, key or value, holds a character COPY or
 * an array literal must escape (backslash, double quote, control
 * characters): JSON escapes each of those with a backslash, so one look at
 * the document tells, and the fields need no look of their own.
 */
export function plainDocument(item: Pick<ProcessedEntity, 'document'>): boolean {
  return !item.document.json.includes('\\');
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

export function prepareRow(item: ProcessedEntity): PreparedRow {
  const plain = plainDocument(item);
  const terms = termsOf(item);
  const values = rowValuesOf(item);
  let fields = '';
  for (const [i, column] of PREPARED_COLUMNS.entries()) {
    if (i > 0) fields += '\t';
    // Its parts are joined by newlines, the only character to escape in a plain entity.
    if (column.name === 'search_text' && plain) fields += (values.search_text as string).replaceAll('\n', '\\n');
    else if (column.type === 'terms') fields += copyField('terms', column.name === 'search_terms' ? terms.terms : terms.originals, plain);
    else if (column.type === 'hashes') fields += copyField('hashes', terms.hashes);
    // Messages and the parent's ref are not part of the document, so they are looked at.
    else fields += copyField(column.type, values[column.name], plain && column.name !== 'errors_json' && column.name !== 'parent_ref');
  }
  return { fields, relationLines: relationLinesOf(item, plain), facets: terms.facets };
}
