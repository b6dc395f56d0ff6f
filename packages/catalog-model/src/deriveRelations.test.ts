import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { deriveRelations, inverseRelationsFor } from './deriveRelations.ts';
import type { Entity } from './entity.ts';
import type { KindDefinition } from './kinds.ts';
import { INVERSE_RELATIONS, RELATION_TYPES } from './relations.ts';

function entity(kind: string, spec: Record<string, unknown>, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'example', ...(namespace ? { namespace } : {}) },
    spec,
  };
}

describe('deriveRelations', () => {
  it('derives every Component relation with each field’s default kind', () => {
    const { relations, problems } = deriveRelations(
      entity('Component', {
        type: 'service',
        lifecycle: 'production',
        owner: 'team-a',
        system: 'audio',
        subcomponentOf: 'player',
        providesApis: ['tracks'],
        consumesApis: ['other/search'],
        dependsOn: ['resource:db'],
        dependencyOf: ['component:web'],
      }),
    );
    expect(problems).toEqual([]);
    expect(relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'system:default/audio' },
      { type: 'partOf', targetRef: 'component:default/player' },
      { type: 'providesApi', targetRef: 'api:default/tracks' },
      { type: 'consumesApi', targetRef: 'api:other/search' },
      { type: 'dependsOn', targetRef: 'resource:default/db' },
      { type: 'dependencyOf', targetRef: 'component:default/web' },
    ]);
  });

  it('uses the entity’s own namespace by default', () => {
    const { relations } = deriveRelations(entity('API', { owner: 'team-a', system: 'shared/audio' }, 'media'));
    expect(relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:media/team-a' },
      { type: 'partOf', targetRef: 'system:shared/audio' },
    ]);
  });

  it('derives Group, User, System, Domain, Resource and Template relations', () => {
    expect(deriveRelations(entity('Group', { type: 'team', parent: 'org', children: ['squad'], members: ['jane'] })).relations).toEqual([
      { type: 'childOf', targetRef: 'group:default/org' },
      { type: 'parentOf', targetRef: 'group:default/squad' },
      { type: 'hasMember', targetRef: 'user:default/jane' },
    ]);
    expect(deriveRelations(entity('User', { memberOf: ['team-a', 'group:other/team-b'] })).relations).toEqual([
      { type: 'memberOf', targetRef: 'group:default/team-a' },
      { type: 'memberOf', targetRef: 'group:other/team-b' },
    ]);
    expect(deriveRelations(entity('System', { owner: 'user:jane', domain: 'media' })).relations).toEqual([
      { type: 'ownedBy', targetRef: 'user:default/jane' },
      { type: 'partOf', targetRef: 'domain:default/media' },
    ]);
    expect(deriveRelations(entity('Domain', { owner: 'team-a', subdomainOf: 'all' })).relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'domain:default/all' },
    ]);
    expect(deriveRelations(entity('Resource', { type: 'db', owner: 'team-a', dependencyOf: 'component:api' })).relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'dependencyOf', targetRef: 'component:default/api' },
    ]);
    const template = { ...entity('Template', { type: 'service', owner: 'team-a', steps: [] }), apiVersion: 'scaffolder.backstage.io/v1beta3' };
    expect(deriveRelations(template).relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
  });

  it('reports unreadable references instead of dropping them', () => {
    const { relations, problems } = deriveRelations(
      entity('Component', { owner: 'group:', dependsOn: ['db', 'resource:ok', 7] }),
    );
    expect(relations).toEqual([{ type: 'dependsOn', targetRef: 'resource:default/ok' }]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^spec\.owner: 'group:' has no name/);
    expect(problems[1]).toMatch(/^spec\.dependsOn\[0\]: 'db' has no kind/);
    expect(problems[2]).toBe('spec.dependsOn[2]: expected an entity reference string, got the number 7');
  });

  it('keeps one edge when the same target is listed twice', () => {
    const { relations } = deriveRelations(entity('User', { memberOf: ['team-a', 'group:default/Team-A'] }));
    expect(relations).toEqual([{ type: 'memberOf', targetRef: 'group:default/team-a' }]);
  });

  it('gives Locations and unknown kinds no relations', () => {
    expect(deriveRelations(entity('Location', { target: './a.yaml' }))).toEqual({ relations: [], problems: [] });
    expect(deriveRelations(entity('Spaceship', { owner: 'team-a' }))).toEqual({ relations: [], problems: [] });
  });

  it('uses the relation rules of plugin kinds', () => {
    const service: KindDefinition = {
      kind: 'Service',
      apiVersions: ['example.com/v1'],
      specSchema: z.object({}),
      relations: [{ field: 'runsOn', type: 'runsOn', defaultKind: 'Resource', inverse: 'runs' }],
    };
    const value = { ...entity('Service', { runsOn: ['cluster'] }), apiVersion: 'example.com/v1' };
    expect(deriveRelations(value, { extraKinds: [service] }).relations).toEqual([{ type: 'runsOn', targetRef: 'resource:default/cluster' }]);
    expect(inverseRelationsFor([service])).toMatchObject({ runsOn: 'runs', runs: 'runsOn', ownedBy: 'ownerOf' });
  });
});

describe('INVERSE_RELATIONS', () => {
  it('pairs every relation type with an inverse that points back', () => {
    expect(Object.keys(INVERSE_RELATIONS).sort()).toEqual([...RELATION_TYPES].sort());
    for (const type of RELATION_TYPES) {
      const inverse = INVERSE_RELATIONS[type]!;
      expect(RELATION_TYPES).toContain(inverse);
      expect(INVERSE_RELATIONS[inverse]).toBe(type);
    }
  });
});
