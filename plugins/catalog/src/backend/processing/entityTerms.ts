import type { Entity } from '@callboard/catalog-model';

/** A term of a kept facet key (`key=value`, lowercased) and its label as written, where that differs. */
export type FacetPair = [term: string, label: string | null];

/** PostgreSQL's term columns of an entity's row (migrations 07 and 12), and its facet terms. */
export interface EntityTerms {
  /** `key` for existence and `key=value` lowercased, each once. */
  terms: string[];
  /** `key=Value` as written, where it differs from the lowercased term: facet labels. */
  originals: string[];
  /** The GIN index's entries (termHash). */
  hashes: number[];
  /** Terms of the keys whose facet counts are kept (facetCounts.ts). */
  facets: FacetPair[];
}

const NO_KEYS: ReadonlySet<string> = new Set();
const MAX_KEY = 200;
const MAX_VALUE = 200;

/**
 * An entity's terms, in one walk, so any dotted path can be filtered on as
 * Backstage's API allows: every object and every value gives `key` (so
 * `filter=metadata.annotations` tests existence), every scalar `key=value`,
 * arrays one per item. The same facts as flattenEntity's rows (SQLite keeps
 * those), made straight into the columns: this runs for every entity of a
 * bulk load, and building rows first cost about twice as much.
 *
 * - Keys in `unindexedKeys` (unique per entity, answered by columns of their
 *   own) get only their existence term; keys in `presentKeys` (every entity
 *   has them, so existence says nothing) get only their value terms.
 * - Keys and values over 200 characters are left out; such a value keeps its
 *   existence term.
 * - A scalar array item also makes `key.item` and `key.item=true`, as in
 *   Backstage (`metadata.tags.java`). Those are stored but not hashed, a fifth
 *   of all terms, since `key=item` says the same; a query for one looks up
 *   that term too (itemTermAlternatives) and confirms the text on the row. A
 *   real key spelling the same term is hashed.
 * - The row's uid is only ever an existence term, and the etag none (it
 *   changes on every write): the terms do not depend on either, so they can
 *   be made before the row's uid is known.
 */
export function entityTermsOf(
  entity: Entity,
  options: { unindexedKeys: ReadonlySet<string>; facetKeys: ReadonlySet<string>; presentKeys?: ReadonlySet<string> },
): EntityTerms {
  const { unindexedKeys, facetKeys, presentKeys = NO_KEYS } = options;
  const terms: string[] = [];
  const originals: string[] = [];
  const hashes: number[] = [];
  const facets: FacetPair[] = [];
  // Every term so far, and whether it is hashed yet (false: made only by array items).
  const known = new Map<string, boolean>();

  const term = (text: string, derived: boolean): boolean => {
    const hashed = known.get(text);
    if (hashed === undefined) {
      terms.push(text);
      known.set(text, !derived);
      if (!derived) hashes.push(termHash(text));
      return true;
    }
    if (!hashed && !derived) {
      known.set(text, true);
      hashes.push(termHash(text));
    }
    return false;
  };

  const add = (key: string, value: unknown, derived: boolean) => {
    if (key.length > MAX_KEY) return;
    const lowerKey = key.toLowerCase();
    if (!presentKeys.has(lowerKey)) term(lowerKey, derived);
    if (value === undefined || value === null) return;
    const text = String(value);
    if (text.length > MAX_VALUE || unindexedKeys.has(lowerKey)) return;
    const lowerText = text.toLowerCase();
    const pair = `${lowerKey}=${lowerText}`;
    // The same pair twice (an array listing an item twice) is one fact.
    if (!term(pair, derived)) return;
    const original = lowerText === text ? null : `${lowerKey}=${text}`;
    if (original !== null) originals.push(original);
    if (facetKeys.has(lowerKey)) facets.push([pair, original]);
  };

  const visit = (prefix: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length === 0) add(prefix, undefined, false);
      for (const item of value) {
        visit(prefix, item);
        if (typeof item === 'string' || typeof item === 'number') add(`${prefix}.${item}`, 'true', true);
      }
      return;
    }
    if (typeof value === 'object') {
      add(prefix, undefined, false);
      for (const key of Object.keys(value)) visit(`${prefix}.${key}`, (value as Record<string, unknown>)[key]);
      return;
    }
    add(prefix, value, false);
  };

  add('apiVersion', entity.apiVersion, false);
  add('kind', entity.kind, false);
  const metadata = entity.metadata as Record<string, unknown>;
  for (const key of Object.keys(metadata)) {
    if (key === 'etag') continue;
    // A stored uid's value is never a term (only its existence), so the one this row gets does not matter here.
    if (key === 'uid') add('metadata.uid', undefined, false);
    else visit(`metadata.${key}`, metadata[key]);
  }
  if (!('uid' in metadata)) add('metadata.uid', undefined, false);
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(spec)) visit(`spec.${key}`, spec[key]);
  return { terms, originals, hashes, facets };
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
