/** The relation types the built-in kinds produce, each next to its inverse. */
export const RELATION_TYPES = [
  'ownedBy',
  'ownerOf',
  'partOf',
  'hasPart',
  'dependsOn',
  'dependencyOf',
  'providesApi',
  'apiProvidedBy',
  'consumesApi',
  'apiConsumedBy',
  'parentOf',
  'childOf',
  'memberOf',
  'hasMember',
] as const;

export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * Each relation type and the name of the same edge seen from its target.
 * Indexed by any string because stored relations may come from plugin kinds;
 * see {@link inverseRelationsFor} for those.
 */
export const INVERSE_RELATIONS: Readonly<Record<string, string>> = Object.freeze({
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
} satisfies Record<RelationType, RelationType>);
