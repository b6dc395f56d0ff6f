import { parseEntityRef, stringifyEntityRef, type Entity, type EntityRelation } from '@callboard/catalog-model';

/** Each relation type and the name of the same edge seen from its target. */
export const INVERSE_RELATIONS: Readonly<Record<string, string>> = {
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  partOf: 'hasPart',
  hasPart: 'partOf',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  parentOf: 'childOf',
  childOf: 'parentOf',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
};

interface Rule {
  field: string;
  type: string;
  defaultKind?: string;
}

// Which spec fields produce which relation, per kind, with each field's default kind.
const RULES: Record<string, Rule[]> = {
  component: [
    { field: 'owner', type: 'ownedBy', defaultKind: 'group' },
    { field: 'system', type: 'partOf', defaultKind: 'system' },
    { field: 'subcomponentOf', type: 'partOf', defaultKind: 'component' },
    { field: 'dependsOn', type: 'dependsOn' },
    { field: 'providesApis', type: 'providesApi', defaultKind: 'api' },
    { field: 'consumesApis', type: 'consumesApi', defaultKind: 'api' },
  ],
  api: [
    { field: 'owner', type: 'ownedBy', defaultKind: 'group' },
    { field: 'system', type: 'partOf', defaultKind: 'system' },
  ],
  resource: [
    { field: 'owner', type: 'ownedBy', defaultKind: 'group' },
    { field: 'system', type: 'partOf', defaultKind: 'system' },
    { field: 'dependsOn', type: 'dependsOn' },
  ],
  system: [
    { field: 'owner', type: 'ownedBy', defaultKind: 'group' },
    { field: 'domain', type: 'partOf', defaultKind: 'domain' },
  ],
  domain: [
    { field: 'owner', type: 'ownedBy', defaultKind: 'group' },
    { field: 'subdomainOf', type: 'partOf', defaultKind: 'domain' },
  ],
  group: [
    { field: 'parent', type: 'childOf', defaultKind: 'group' },
    { field: 'children', type: 'parentOf', defaultKind: 'group' },
    { field: 'members', type: 'hasMember', defaultKind: 'user' },
  ],
  user: [{ field: 'memberOf', type: 'memberOf', defaultKind: 'group' }],
  template: [{ field: 'owner', type: 'ownedBy', defaultKind: 'group' }],
};

/**
 * The relations an entity's own spec declares. The inverse edges are not
 * stored twice: queries read each stored edge from both of its ends.
 * Malformed refs are returned as problems instead of being dropped quietly.
 */
export function deriveRelations(entity: Entity): { relations: EntityRelation[]; problems: string[] } {
  const relations: EntityRelation[] = [];
  const problems: string[] = [];
  const namespace = entity.metadata.namespace ?? 'default';
  for (const rule of RULES[entity.kind.toLowerCase()] ?? []) {
    const raw = entity.spec?.[rule.field];
    if (raw === undefined || raw === null) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (typeof value !== 'string' || !value.trim()) {
        problems.push(`spec.${rule.field}: expected an entity reference string`);
        continue;
      }
      try {
        const ref = parseEntityRef(value, {
          ...(rule.defaultKind ? { defaultKind: rule.defaultKind } : {}),
          defaultNamespace: namespace,
        });
        relations.push({ type: rule.type, targetRef: stringifyEntityRef(ref) });
      } catch (error) {
        problems.push(`spec.${rule.field}: ${(error as Error).message}`);
      }
    }
  }
  return { relations, problems };
}
