import type { Entity } from '@callboard/catalog-model';

export interface SearchRow {
  key: string;
  value: string | undefined;
  original: string | undefined;
  /** `key.item=true` for a scalar array item: the same fact as `key=item` (see itemTermAlternatives). */
  derived?: true;
}

const MAX_KEY = 200;
const MAX_VALUE = 200;

/**
 * Turns an entity into (key, value) rows so any dotted path can be filtered
 * on, as Backstage's API allows: arrays give one row per item, every object
 * also gets a value-less row so `filter=metadata.annotations` tests existence.
 * Values over 200 characters keep only their existence row.
 */
export function flattenEntity(entity: Entity): SearchRow[] {
  const rows: SearchRow[] = [];
  const add = (key: string, value: unknown, derived?: true) => {
    if (key.length > MAX_KEY) return;
    const lowerKey = key.toLowerCase();
    if (value === undefined || value === null) {
      rows.push({ key: lowerKey, value: undefined, original: undefined });
      return;
    }
    const text = String(value);
    const fits = text.length <= MAX_VALUE;
    const row: SearchRow = {
      key: lowerKey,
      value: fits ? text.toLowerCase() : undefined,
      original: fits ? text : undefined,
    };
    if (derived) row.derived = true;
    rows.push(row);
  };
  const visit = (prefix: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length === 0) add(prefix, undefined);
      for (const item of value) {
        visit(prefix, item);
        // Backstage also matches a scalar item as a key: `metadata.tags.java=true`.
        if (typeof item === 'string' || typeof item === 'number') add(`${prefix}.${item}`, 'true', true);
      }
      return;
    }
    if (typeof value === 'object') {
      add(prefix, undefined);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(`${prefix}.${k}`, v);
      return;
    }
    add(prefix, value);
  };
  add('apiVersion', entity.apiVersion);
  add('kind', entity.kind);
  // Every entity has metadata and a spec, and the etag changes on every write:
  // rows for them would only cost space and insert time.
  for (const [k, v] of Object.entries(entity.metadata)) if (k !== 'etag') visit(`metadata.${k}`, v);
  for (const [k, v] of Object.entries(entity.spec ?? {})) visit(`spec.${k}`, v);

  // One row per distinct key/value pair keeps the index small.
  // A pair made both by an array item and by a key of its own is a real one.
  const seen = new Map<string, SearchRow>();
  return rows.filter((r) => {
    const id = `${r.key}\u0000${r.value ?? '\u0001'}`;
    const first = seen.get(id);
    if (first) {
      if (first.derived && !r.derived) delete first.derived;
      return false;
    }
    seen.set(id, r);
    return true;
  });
}

/**
 * The same rows as array terms (PostgreSQL keeps them in the entity's row):
 * `key` for existence and `key=value` lowercased for matching, and
 * `key=Value` as written, for facet labels, where it differs. Keys in
 * `unindexedKeys` (served by columns of their own) get only their existence
 * term. `hashes` are the GIN index's entries: the terms made only by a scalar
 * array item (`key.item`, `key.item=true`) are left out, a fifth of all
 * terms, since `key=item` says the same; a query for one looks up that term
 * too (itemTermAlternatives) and confirms the text on the row.
 */
export function searchTermsOf(
  rows: readonly SearchRow[],
  unindexedKeys: ReadonlySet<string> = new Set(),
): { terms: string[]; originals: string[]; hashes: number[] } {
  const terms = new Set<string>();
  const hashes: number[] = [];
  // Terms so far made only by array items; hashed if a real key makes one too.
  const derivedOnly = new Set<string>();
  const originals: string[] = [];
  for (const row of rows) {
    for (let i = 0; i < 2; i++) {
      let term: string;
      if (i === 0) term = row.key;
      else if (row.value === undefined || unindexedKeys.has(row.key)) break;
      else term = `${row.key}=${row.value}`;
      if (!terms.has(term)) {
        terms.add(term);
        if (row.derived) derivedOnly.add(term);
        else hashes.push(termHash(term));
      } else if (!row.derived && derivedOnly.delete(term)) hashes.push(termHash(term));
    }
    // Most values are lowercase already; only the others need their original kept.
    if (row.value !== undefined && row.original !== row.value && !unindexedKeys.has(row.key)) originals.push(`${row.key}=${row.original}`);
  }
  return { terms: [...terms], originals, hashes };
}

/**
 * The terms whose index entries can stand for this one: itself and, when it
 * could be made by an array item (`a.b.c` or `a.b.c=true`), every `prefix=item`
 * split of its key at a dot (`a.b=c`, `a=b.c`).
 */
export function itemTermAlternatives(term: string): string[] {
  const eq = term.indexOf('=');
  const key = eq === -1 ? term : term.slice(0, eq);
  if (eq !== -1 && term.slice(eq + 1) !== 'true') return [term];
  const out = [term];
  for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) out.push(`${key.slice(0, dot)}=${key.slice(dot + 1)}`);
  return out;
}

/**
 * The 32-bit FNV-1a hash of a term's UTF-16 code units, as a signed int4.
 * PostgreSQL's GIN index holds these instead of the terms' text (migration
 * 12). They are computed here, where the terms are made, because a generated
 * column calling hashtext cost PostgreSQL about 1.2 s per 100,000 entities in
 * a bulk load. Stored in every row: never change the function without a
 * migration that rehashes.
 */
export function termHash(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
