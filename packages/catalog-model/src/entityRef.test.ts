import { describe, it, expect } from 'vitest';
import { refDefaultsFor } from './deriveRelations.ts';
import { entityRefKey, humanizeEntityRef, parseEntityRef, safeParseEntityRef, stringifyEntityRef } from './entityRef.ts';

describe('parseEntityRef', () => {
  it('reads kind, namespace and name', () => {
    expect(parseEntityRef('component:audio/player')).toEqual({ kind: 'component', namespace: 'audio', name: 'player' });
  });

  it('fills the field’s default kind and the given namespace', () => {
    expect(parseEntityRef('team-a', { defaultKind: 'Group', defaultNamespace: 'audio' })).toEqual({
      kind: 'Group',
      namespace: 'audio',
      name: 'team-a',
    });
    expect(parseEntityRef('other/team-a', { defaultKind: 'Group', defaultNamespace: 'audio' }).namespace).toBe('other');
  });

  it('falls back to the default namespace', () => {
    expect(parseEntityRef('user:jane').namespace).toBe('default');
  });

  it('treats a slash before the first colon as the end of the namespace, as Backstage does', () => {
    expect(parseEntityRef('ns/name:with-colon', { defaultKind: 'API' })).toEqual({ kind: 'API', namespace: 'ns', name: 'name:with-colon' });
    expect(parseEntityRef('resource:a:b:c')).toEqual({ kind: 'resource', namespace: 'default', name: 'a:b:c' });
  });

  it('refuses empty parts and a missing kind where the field has no default', () => {
    expect(() => parseEntityRef('group:')).toThrow(/has no name/);
    expect(() => parseEntityRef(':x', { defaultKind: 'Group' })).toThrow(/empty kind/);
    expect(() => parseEntityRef('component:/x')).toThrow(/empty namespace/);
    expect(() => parseEntityRef('  ')).toThrow(/is empty/);
    expect(() => parseEntityRef('db')).toThrow(/has no kind/);
  });

  it('has a variant that reports instead of throwing', () => {
    expect(safeParseEntityRef('db')).toMatchObject({ ok: false });
    expect(safeParseEntityRef('resource:db')).toEqual({ ok: true, ref: { kind: 'resource', namespace: 'default', name: 'db' } });
  });
});

describe('refDefaultsFor', () => {
  it('gives each field Backstage’s default kind', () => {
    expect(refDefaultsFor('Component', 'owner')).toEqual({ defaultKind: 'Group', defaultNamespace: 'default' });
    expect(refDefaultsFor('Component', 'system').defaultKind).toBe('System');
    expect(refDefaultsFor('Component', 'subcomponentOf').defaultKind).toBe('Component');
    expect(refDefaultsFor('Component', 'providesApis').defaultKind).toBe('API');
    expect(refDefaultsFor('System', 'domain').defaultKind).toBe('Domain');
    expect(refDefaultsFor('Domain', 'subdomainOf').defaultKind).toBe('Domain');
    expect(refDefaultsFor('Group', 'members').defaultKind).toBe('User');
    expect(refDefaultsFor('Group', 'parent').defaultKind).toBe('Group');
    expect(refDefaultsFor('User', 'memberOf').defaultKind).toBe('Group');
    expect(refDefaultsFor('Template', 'owner').defaultKind).toBe('Group');
  });

  it('has no default kind for dependsOn and dependencyOf', () => {
    expect(refDefaultsFor('Component', 'dependsOn')).toEqual({ defaultNamespace: 'default' });
    expect(refDefaultsFor('Resource', 'spec.dependencyOf')).toEqual({ defaultNamespace: 'default' });
  });

  it('uses the entity’s namespace and accepts spec. paths and any kind case', () => {
    expect(refDefaultsFor('component', 'spec.owner', { namespace: 'audio' })).toEqual({ defaultKind: 'Group', defaultNamespace: 'audio' });
  });

  it('works together with parseEntityRef and humanizeEntityRef', () => {
    const defaults = refDefaultsFor('Component', 'owner', { namespace: 'audio' });
    const ref = parseEntityRef('team-a', defaults);
    expect(stringifyEntityRef(ref)).toBe('group:audio/team-a');
    expect(humanizeEntityRef({ ...ref, namespace: 'default' }, defaults)).toBe('team-a');
    expect(humanizeEntityRef(parseEntityRef('user:jane', defaults), defaults)).toBe('user:audio/jane');
  });
});

describe('stringifyEntityRef and entityRefKey', () => {
  it('lowercases the kind, and the key lowercases everything', () => {
    const ref = { kind: 'Component', namespace: 'Audio', name: 'Player' };
    expect(stringifyEntityRef(ref)).toBe('component:Audio/Player');
    expect(entityRefKey(ref)).toBe('component:audio/player');
  });
});
