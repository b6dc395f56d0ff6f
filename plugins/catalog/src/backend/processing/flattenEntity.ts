import type { Entity } from '@callboard/catalog-model';

export interface SearchRow {
  key: string;
  value: string | undefined;
  original: string | undefined;
}

const MAX_KEY = 200;
const MAX_VALUE = 200;

/**
 * Turns an entity into (key, value) rows so any dotted path can be filtered
 * on, as Backstage's API allows: arrays give one row per item, every object
 * also gets a value-less row so `filter=metadata.annotations` tests existence.
 * Values over 200 characters keep only their existence row. SQLite stores
 * these rows (entity_search); PostgreSQL keeps the same facts as terms in
 * the entity's row (entityTerms.ts).
 */
export function flattenEntity(entity: Entity): SearchRow[] {
  const rows: SearchRow[] = [];
  const add = (key: string, value: unknown) => {
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
    rows.push(row);
  };
  const visit = (prefix: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length === 0) add(prefix, undefined);
      for (const item of value) {
        visit(prefix, item);
        // Backstage also matches a scalar item as a key: `metadata.tags.java=true`.
        if (typeof item === 'string' || typeof item === 'number') add(`${prefix}.${item}`, 'true');
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
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = `${r.key}\u0000${r.value ?? '\u0001'}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
