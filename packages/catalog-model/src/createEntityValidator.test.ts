import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { createEntityValidator, validateEntity } from './createEntityValidator.ts';
import { deriveRelations } from './deriveRelations.ts';
import type { KindDefinition } from './kinds.ts';
import { formatProblem } from './problems.ts';
import { validateEntityEnvelope } from './validateEntity.ts';

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'player' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const serviceKind: KindDefinition = {
  kind: 'Service',
  apiVersions: ['example.com/v1'],
  specSchema: z.object({ owner: z.string(), runsOn: z.array(z.string()).optional() }),
  relations: [
    { field: 'owner', type: 'ownedBy', defaultKind: 'Group' },
    { field: 'runsOn', type: 'runsOn', defaultKind: 'Resource', inverse: 'runs' },
  ],
};

describe('createEntityValidator', () => {
  it('returns the entity itself when it is valid, with the relations its spec declares', () => {
    const result = validateEntity(component);
    expect(result).toEqual({ ok: true, entity: component, relations: deriveRelations(component).relations });
    expect(result.ok && result.entity).toBe(component);
    expect(result.ok && result.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
  });

  it('refuses a document that is not a mapping', () => {
    for (const value of [null, 'just a string', [component], 42]) {
      const result = validateEntity(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]?.path).toBe('(document)');
    }
  });

  it('reports every problem at once, each with its path', () => {
    const result = validateEntity({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'bad name', tags: ['UPPER'] },
      spec: { type: 'service', lifecycle: 'production', owner: 7 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['metadata.name', 'metadata.tags[0]', 'spec.owner']);
    expect(formatProblem(result.problems[2]!)).toBe('spec.owner: expected an entity reference string, got the number 7');
  });

  it('refuses top-level fields other than apiVersion, kind, metadata and spec, with a hint', () => {
    const result = validateEntity({ ...component, dependsOn: ['component:x'], status: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      'dependsOn: is not allowed at the top level; an entity has only apiVersion, kind, metadata and spec (did you mean spec.dependsOn?)',
      'status: is not allowed at the top level; an entity has only apiVersion, kind, metadata and spec',
    ]);
  });

  it('refuses unknown kinds, as Backstage’s catalog does', () => {
    const result = validateEntity({ ...component, kind: 'Spaceship' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe('kind');
    expect(result.problems[0]?.message).toMatch(/^unknown kind 'Spaceship'; this catalog accepts API, Component/);
  });

  it('treats kinds as case-sensitive and suggests the right case', () => {
    const result = validateEntity({ ...component, kind: 'component' });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      "kind: unknown kind 'component'; kinds are case-sensitive: did you mean 'Component'?",
    ]);
  });

  it('names the accepted apiVersions of a known kind', () => {
    const result = validateEntity({ ...component, apiVersion: 'backstage.io/v9' });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      "apiVersion: Component entities use apiVersion backstage.io/v1alpha1 or backstage.io/v1beta1, not 'backstage.io/v9'",
    ]);
  });

  it('does not repeat a kind problem the envelope already reported', () => {
    const result = validateEntity({ ...component, kind: 'Not A Kind' });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['kind']);
  });

  it('accepts kinds added by plugins, with their relation fields checked', () => {
    const validator = createEntityValidator({ extraKinds: [serviceKind] });
    const service = { apiVersion: 'example.com/v1', kind: 'Service', metadata: { name: 'svc' }, spec: { owner: 'team-a' } };
    expect(validator.validate(service).ok).toBe(true);
    expect(validator.validate(component).ok).toBe(true);
    expect(validator.kinds.map((k) => k.kind)).toContain('Service');

    const broken = validator.validate({ ...service, spec: { owner: 'team-a', runsOn: ['resource:'] } });
    expect(broken.ok ? [] : broken.problems.map((p) => p.path)).toEqual(['spec.runsOn[0]']);
  });

  it('does not know plugin kinds unless they are passed', () => {
    const service = { apiVersion: 'example.com/v1', kind: 'Service', metadata: { name: 'svc' }, spec: { owner: 'team-a' } };
    expect(validateEntity(service).ok).toBe(false);
  });

  it('refuses a plugin kind that redefines a kind and apiVersion pair', () => {
    const clash: KindDefinition = { ...serviceKind, kind: 'Component', apiVersions: ['backstage.io/v1alpha1'] };
    expect(() => createEntityValidator({ extraKinds: [clash] })).toThrow(/Component with apiVersion backstage.io\/v1alpha1 is already defined/);
  });

  it('refuses a malformed plugin kind when it is created', () => {
    expect(() => createEntityValidator({ extraKinds: [{ ...serviceKind, kind: 'not a kind' }] })).toThrow(TypeError);
    expect(() => createEntityValidator({ extraKinds: [{ ...serviceKind, apiVersions: [] }] })).toThrow(/at least one apiVersion/);
    expect(() =>
      createEntityValidator({ extraKinds: [{ ...serviceKind, relations: [{ field: 'owner', type: 'owned by' }] }] }),
    ).toThrow(/relation rule/);
  });

  it('quotes keys that contain dots or slashes in paths', () => {
    const result = validateEntity({ ...component, metadata: { name: 'x', annotations: { 'example.com/count': 3 } } });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'metadata.annotations["example.com/count"]: expected a string, got the number 3',
    ]);
  });

  it('checks links the way Backstage does', () => {
    const result = validateEntity({
      ...component,
      metadata: { name: 'x', links: [{ url: 'https://example.com', title: 'Docs' }, { url: 'not a url' }, { title: 'no url' }] },
    });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'metadata.links[1].url: must be an absolute URL, e.g. https://example.com/dashboard',
      'metadata.links[2].url: is required',
    ]);
  });
});

describe('validateEntityEnvelope', () => {
  it('still checks only the envelope, whatever the kind', () => {
    expect(validateEntityEnvelope({ apiVersion: 'example.com/v1', kind: 'Spaceship', metadata: { name: 'x' } }).ok).toBe(true);
    const result = validateEntityEnvelope({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: {} });
    expect(result.ok ? [] : result.problems).toEqual([{ path: 'metadata.name', message: 'is required' }]);
  });
});
