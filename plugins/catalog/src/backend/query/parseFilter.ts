import { InputError } from '@callboard/common';

export interface FilterCondition {
  /** Lowercased dotted key, e.g. `spec.type` or `relations.ownedby`. */
  key: string;
  /** Lowercased accepted values (any of); undefined tests only that the key exists. */
  values?: string[];
}

/** OR across the outer array, AND inside each inner array. */
export type EntityFilter = FilterCondition[][];

/**
 * Parses Backstage's `filter` parameters: `kind=component,spec.type=service`
 * is one AND-group; repeating `filter` ORs groups; a bare key tests that the
 * key exists; a key repeated inside one group accepts any of its values.
 * Matching is case-insensitive, as in Backstage.
 */
export function parseFilterParams(filters: readonly string[] | undefined): EntityFilter {
  if (!filters) return [];
  const groups: EntityFilter = [];
  for (const filter of filters) {
    const byKey = new Map<string, FilterCondition>();
    const parts = filter.split(',').map((p) => p.trim());
    if (parts.every((p) => p === '')) {
      throw new InputError(`Invalid filter '${filter}': it is empty. Use key=value pairs separated by commas, e.g. kind=component,spec.type=service`);
    }
    for (const part of parts) {
      if (part === '') {
        throw new InputError(`Invalid filter '${filter}': it has an empty condition between commas`);
      }
      const eq = part.indexOf('=');
      const key = (eq === -1 ? part : part.slice(0, eq)).trim();
      if (!key) {
        throw new InputError(`Invalid filter '${filter}': the condition '${part}' has no key before '='`);
      }
      if (!/^[A-Za-z0-9_.\-/:@]+$/.test(key)) {
        throw new InputError(`Invalid filter '${filter}': '${key}' is not a valid key; keys are dotted paths such as spec.type`);
      }
      const lowerKey = key.toLocaleLowerCase('en-US');
      const existing = byKey.get(lowerKey) ?? { key: lowerKey };
      if (eq !== -1) {
        const value = part.slice(eq + 1).trim();
        if (!value) {
          throw new InputError(`Invalid filter '${filter}': '${key}=' has no value; give a value, or write '${key}' alone to test that it exists`);
        }
        existing.values = [...(existing.values ?? []), value.toLocaleLowerCase('en-US')];
      }
      byKey.set(lowerKey, existing);
    }
    groups.push([...byKey.values()]);
  }
  return groups;
}
