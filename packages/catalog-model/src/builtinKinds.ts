import type { KindDefinition, RelationRule } from './kinds.ts';
import {
  apiSpecSchema,
  componentSpecSchema,
  domainSpecSchema,
  groupSpecSchema,
  locationSpecSchema,
  resourceSpecSchema,
  systemSpecSchema,
  templateSpecSchema,
  userSpecSchema,
} from './specSchemas.ts';

const BACKSTAGE_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'];

const owner: RelationRule = { field: 'owner', type: 'ownedBy', defaultKind: 'Group' };
const system: RelationRule = { field: 'system', type: 'partOf', defaultKind: 'System' };
// A dependency can be a Component or a Resource, so Backstage makes authors write the kind.
const dependsOn: RelationRule = { field: 'dependsOn', type: 'dependsOn' };
const dependencyOf: RelationRule = { field: 'dependencyOf', type: 'dependencyOf' };

/** The kinds of Backstage's default catalog plus the scaffolder's Template, with the relations each spec field yields. */
export const BUILTIN_KINDS: readonly KindDefinition[] = Object.freeze([
  {
    kind: 'Component',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: componentSpecSchema,
    relations: [
      owner,
      system,
      { field: 'subcomponentOf', type: 'partOf', defaultKind: 'Component' },
      { field: 'providesApis', type: 'providesApi', defaultKind: 'API' },
      { field: 'consumesApis', type: 'consumesApi', defaultKind: 'API' },
      dependsOn,
      dependencyOf,
    ],
  },
  {
    kind: 'API',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: apiSpecSchema,
    relations: [owner, system],
  },
  {
    kind: 'Resource',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: resourceSpecSchema,
    relations: [owner, system, dependsOn, dependencyOf],
  },
  {
    kind: 'System',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: systemSpecSchema,
    relations: [owner, { field: 'domain', type: 'partOf', defaultKind: 'Domain' }],
  },
  {
    kind: 'Domain',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: domainSpecSchema,
    relations: [owner, { field: 'subdomainOf', type: 'partOf', defaultKind: 'Domain' }],
  },
  {
    kind: 'Group',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: groupSpecSchema,
    relations: [
      { field: 'parent', type: 'childOf', defaultKind: 'Group' },
      { field: 'children', type: 'parentOf', defaultKind: 'Group' },
      { field: 'members', type: 'hasMember', defaultKind: 'User' },
    ],
  },
  {
    kind: 'User',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: userSpecSchema,
    relations: [{ field: 'memberOf', type: 'memberOf', defaultKind: 'Group' }],
  },
  {
    kind: 'Location',
    apiVersions: BACKSTAGE_VERSIONS,
    specSchema: locationSpecSchema,
    relations: [],
  },
  {
    kind: 'Template',
    apiVersions: ['scaffolder.backstage.io/v1beta3'],
    specSchema: templateSpecSchema,
    relations: [owner],
  },
]);
