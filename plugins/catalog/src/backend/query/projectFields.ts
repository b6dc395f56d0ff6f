import type { Entity } from '@callboard/catalog-model';

/** Keeps only the given dotted paths of each entity, as Backstage's `fields` parameter does. */
export function projectFields(entity: Entity, fields: readonly string[] | undefined): Entity {
  if (!fields || fields.length === 0) return entity;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = field.split('.');
    let source: unknown = entity;
    for (const part of parts) {
      source = source && typeof source === 'object' ? (source as Record<string, unknown>)[part] : undefined;
    }
    if (source === undefined) continue;
    let target = out;
    for (const part of parts.slice(0, -1)) {
      target[part] = (target[part] as Record<string, unknown> | undefined) ?? {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = source;
  }
  return out as Entity;
}
