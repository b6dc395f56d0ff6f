import { DEFAULT_NAMESPACE, parseEntityRef, type CompoundEntityRef, type Entity } from '@callboard/catalog-model';

/** Each relation type as a person reads it, from the entity that has it. */
export const RELATION_LABELS: Readonly<Record<string, string>> = {
  ownedBy: 'Owned by',
  ownerOf: 'Owner of',
  partOf: 'Part of',
  hasPart: 'Has part',
  dependsOn: 'Depends on',
  dependencyOf: 'Dependency of',
  providesApi: 'Provides API',
  apiProvidedBy: 'API provided by',
  consumesApi: 'Consumes API',
  apiConsumedBy: 'API consumed by',
  parentOf: 'Parent of',
  childOf: 'Child of',
  memberOf: 'Member of',
  hasMember: 'Has member',
};

/**
 * The direction an edge is drawn in: the type a spec declares (`ownedBy`,
 * `dependsOn`…) points from the declaring entity to its target; its inverse
 * is the same edge seen from the other end.
 */
export const FORWARD_RELATIONS: Readonly<Record<string, string>> = {
  ownedBy: 'ownedBy',
  ownerOf: 'ownedBy',
  partOf: 'partOf',
  hasPart: 'partOf',
  dependsOn: 'dependsOn',
  dependencyOf: 'dependsOn',
  providesApi: 'providesApi',
  apiProvidedBy: 'providesApi',
  consumesApi: 'consumesApi',
  apiConsumedBy: 'consumesApi',
  childOf: 'childOf',
  parentOf: 'childOf',
  memberOf: 'memberOf',
  hasMember: 'memberOf',
};

/** The order the Relations card lists types in: what the entity is part of first, then what hangs off it. */
const RELATION_ORDER = Object.keys(RELATION_LABELS);

export function relationLabel(type: string): string {
  return RELATION_LABELS[type] ?? type;
}

export function relationRefs(entity: Entity, type: string): string[] {
  return (entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef);
}

export function hasRelation(entity: Entity, ...types: string[]): boolean {
  return (entity.relations ?? []).some((r) => types.includes(r.type));
}

/** Relations grouped by type, known types in a reading order, unknown ones after, targets sorted. */
export function groupRelations(entity: Entity): { type: string; label: string; targetRefs: string[] }[] {
  const byType = new Map<string, Set<string>>();
  for (const relation of entity.relations ?? []) {
    const set = byType.get(relation.type) ?? new Set<string>();
    set.add(relation.targetRef);
    byType.set(relation.type, set);
  }
  const rank = (type: string) => {
    const index = RELATION_ORDER.indexOf(type);
    return index === -1 ? RELATION_ORDER.length : index;
  };
  return [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, refs]) => ({ type, label: relationLabel(type), targetRefs: [...refs].sort((a, b) => a.localeCompare(b)) }));
}

/** Relation targets are full refs written by the server; anything else is shown as text, never thrown on. */
export function parseTargetRef(ref: string): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(ref, { defaultNamespace: DEFAULT_NAMESPACE });
  } catch {
    return undefined;
  }
}
