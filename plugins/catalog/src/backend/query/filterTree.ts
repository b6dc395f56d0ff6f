import { InputError } from '@callboard/common';

/**
 * A filter as a tree, the one shape both of Backstage's filter languages
 * become: the `filter=` query strings and the predicate objects of the POST
 * endpoints. Keys and values are lowercased: matching is case-insensitive.
 */
export type FilterNode =
  | { op: 'all'; nodes: FilterNode[] }
  | { op: 'any'; nodes: FilterNode[] }
  | { op: 'not'; node: FilterNode }
  /** No values and no prefix: the key exists. */
  | { op: 'match'; key: string; values?: string[]; prefix?: string };

const KEY = /^[A-Za-z0-9_.\-/:@]+$/;
const lower = (s: string) => s.toLowerCase();

function checkKey(key: string, where: string): string {
  if (!key) throw new InputError(`Invalid ${where}: a condition has no key`);
  if (!KEY.test(key)) throw new InputError(`Invalid ${where}: '${key}' is not a valid key; keys are dotted paths such as spec.type`);
  return lower(key);
}

/**
 * Parses `filter` query parameters: `kind=component,spec.type=service` is one
 * AND-group; repeating `filter` ORs groups; a bare key tests existence; a key
 * repeated inside one group accepts any of its values.
 */
export function parseFilterParams(filters: readonly string[] | undefined): FilterNode | undefined {
  if (!filters || filters.length === 0) return undefined;
  const groups: FilterNode[] = [];
  for (const filter of filters) {
    const byKey = new Map<string, { key: string; values?: string[] }>();
    const parts = filter.split(',').map((p) => p.trim());
    if (parts.every((p) => p === '')) {
      throw new InputError(`Invalid filter '${filter}': it is empty. Use key=value pairs separated by commas, e.g. kind=component,spec.type=service`);
    }
    for (const part of parts) {
      if (part === '') throw new InputError(`Invalid filter '${filter}': it has an empty condition between commas`);
      const eq = part.indexOf('=');
      const rawKey = (eq === -1 ? part : part.slice(0, eq)).trim();
      if (!rawKey) throw new InputError(`Invalid filter '${filter}': the condition '${part}' has no key before '='`);
      const key = checkKey(rawKey, `filter '${filter}'`);
      const existing = byKey.get(key) ?? { key };
      if (eq !== -1) {
        const value = part.slice(eq + 1).trim();
        if (!value) {
          throw new InputError(`Invalid filter '${filter}': '${rawKey}=' has no value; give a value, or write '${rawKey}' alone to test that it exists`);
        }
        existing.values = [...(existing.values ?? []), lower(value)];
      }
      byKey.set(key, existing);
    }
    groups.push({ op: 'all', nodes: [...byKey.values()].map((c) => ({ op: 'match' as const, ...c })) });
  }
  return groups.length === 1 ? groups[0] : { op: 'any', nodes: groups };
}

type Primitive = string | number | boolean;
const isPrimitive = (v: unknown): v is Primitive => ['string', 'number', 'boolean'].includes(typeof v);

/** Parses a Backstage filter predicate ($all, $any, $not, $exists, $in, $hasPrefix). */
export function parsePredicate(predicate: unknown, at = 'query'): FilterNode {
  if (!predicate || typeof predicate !== 'object' || Array.isArray(predicate)) {
    throw new InputError(`Invalid ${at}: a filter predicate must be an object`);
  }
  const entries = Object.entries(predicate as Record<string, unknown>);
  const nodes: FilterNode[] = [];
  for (const [key, value] of entries) {
    if (key === '$all' || key === '$any') {
      if (!Array.isArray(value)) throw new InputError(`Invalid ${at}.${key}: expected an array of predicates`);
      nodes.push({ op: key === '$all' ? 'all' : 'any', nodes: value.map((v, i) => parsePredicate(v, `${at}.${key}[${i}]`)) });
    } else if (key === '$not') {
      nodes.push({ op: 'not', node: parsePredicate(value, `${at}.$not`) });
    } else if (key.startsWith('$')) {
      throw new InputError(`Invalid ${at}: unknown operator '${key}'; use $all, $any or $not`);
    } else {
      nodes.push(parseValueMatcher(checkKey(key, at), value, `${at}.${key}`));
    }
  }
  if (nodes.length === 0) return { op: 'all', nodes: [] };
  return nodes.length === 1 ? nodes[0]! : { op: 'all', nodes };
}

function parseValueMatcher(key: string, value: unknown, at: string): FilterNode {
  if (isPrimitive(value)) return { op: 'match', key, values: [lower(String(value))] };
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`Invalid ${at}: expected a value or an operator object such as { "$in": [...] }`);
  }
  const [op, arg, ...rest] = Object.entries(value as Record<string, unknown>).flat();
  if (rest.length) throw new InputError(`Invalid ${at}: give one operator per key`);
  switch (op) {
    case '$exists':
      if (typeof arg !== 'boolean') throw new InputError(`Invalid ${at}.$exists: expected true or false`);
      return arg ? { op: 'match', key } : { op: 'not', node: { op: 'match', key } };
    case '$in':
      if (!Array.isArray(arg) || !arg.every(isPrimitive)) throw new InputError(`Invalid ${at}.$in: expected an array of values`);
      return { op: 'match', key, values: arg.map((v) => lower(String(v))) };
    case '$hasPrefix':
      if (typeof arg !== 'string') throw new InputError(`Invalid ${at}.$hasPrefix: expected a string`);
      return { op: 'match', key, prefix: lower(arg) };
    default:
      throw new InputError(`Invalid ${at}: operator '${String(op)}' is not supported; use $exists, $in or $hasPrefix`);
  }
}

export function andNodes(...nodes: (FilterNode | undefined)[]): FilterNode | undefined {
  const present = nodes.filter((n): n is FilterNode => Boolean(n));
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { op: 'all', nodes: present };
}
