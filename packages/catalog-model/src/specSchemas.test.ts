import { describe, it, expect } from 'vitest';
import { validateEntity } from './createEntityValidator.ts';
import type { EntityProblem } from './problems.ts';

function entity(kind: string, spec: unknown, apiVersion = 'backstage.io/v1alpha1'): Record<string, unknown> {
  return { apiVersion, kind, metadata: { name: 'example' }, ...(spec === undefined ? {} : { spec }) };
}

function problemsOf(value: unknown): EntityProblem[] {
  const result = validateEntity(value);
  return result.ok ? [] : result.problems;
}

function pathsOf(value: unknown): string[] {
  return problemsOf(value).map((p) => p.path);
}

describe('Component', () => {
  const valid = { type: 'service', lifecycle: 'production', owner: 'team-a' };

  it('accepts the required fields alone, in both apiVersions', () => {
    expect(validateEntity(entity('Component', valid)).ok).toBe(true);
    expect(validateEntity(entity('Component', valid, 'backstage.io/v1beta1')).ok).toBe(true);
  });

  it('accepts every optional relation field and unknown spec fields', () => {
    const spec = {
      ...valid,
      system: 'audio',
      subcomponentOf: 'player',
      providesApis: ['tracks-api'],
      consumesApis: ['api:other/search'],
      dependsOn: ['resource:db', 'component:cache'],
      dependencyOf: ['component:frontend'],
      implementation: { anything: true },
    };
    expect(problemsOf(entity('Component', spec))).toEqual([]);
  });

  it('names each missing required field', () => {
    expect(problemsOf(entity('Component', {}))).toEqual([
      { path: 'spec.type', message: 'is required' },
      { path: 'spec.lifecycle', message: 'is required' },
      { path: 'spec.owner', message: 'is required' },
    ]);
  });

  it('says what an owner must be', () => {
    expect(problemsOf(entity('Component', { ...valid, owner: ['team-a'] }))).toEqual([
      { path: 'spec.owner', message: 'expected an entity reference string, got a list' },
    ]);
  });

  it('points at the list item that is wrong', () => {
    expect(pathsOf(entity('Component', { ...valid, dependsOn: ['resource:db', 42] }))).toEqual(['spec.dependsOn[1]']);
  });

  it('needs the kind in dependsOn, which has no default kind', () => {
    const [problem] = problemsOf(entity('Component', { ...valid, dependsOn: ['db'] }));
    expect(problem?.path).toBe('spec.dependsOn[0]');
    expect(problem?.message).toContain('has no kind');
  });

  it('refuses a missing spec', () => {
    expect(problemsOf(entity('Component', undefined))).toEqual([{ path: 'spec', message: 'is required' }]);
  });
});

describe('API', () => {
  const valid = { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' };

  it('accepts a definition given as text', () => {
    expect(validateEntity(entity('API', { ...valid, system: 'audio' })).ok).toBe(true);
  });

  it('requires the definition', () => {
    const { definition: _definition, ...rest } = valid;
    expect(problemsOf(entity('API', rest))).toEqual([{ path: 'spec.definition', message: 'is required' }]);
  });

  it('refuses an unresolved definition object', () => {
    expect(pathsOf(entity('API', { ...valid, definition: { $text: './openapi.yaml' } }))).toEqual(['spec.definition']);
  });
});

describe('Resource', () => {
  it('accepts type and owner with dependencies', () => {
    const spec = { type: 'database', owner: 'team-a', dependsOn: ['resource:disk'], dependencyOf: ['component:api'], system: 's' };
    expect(validateEntity(entity('Resource', spec)).ok).toBe(true);
  });

  it('requires a non-empty type', () => {
    expect(problemsOf(entity('Resource', { type: '', owner: 'team-a' }))).toEqual([
      { path: 'spec.type', message: 'must not be empty' },
    ]);
  });
});

describe('System and Domain', () => {
  it('accept an owner with optional domain, subdomainOf and type', () => {
    expect(validateEntity(entity('System', { owner: 'team-a', domain: 'playback', type: 'product' })).ok).toBe(true);
    expect(validateEntity(entity('Domain', { owner: 'team-a', subdomainOf: 'media', type: 'area' })).ok).toBe(true);
  });

  it('require an owner', () => {
    expect(pathsOf(entity('System', { domain: 'playback' }))).toEqual(['spec.owner']);
    expect(pathsOf(entity('Domain', {}))).toEqual(['spec.owner']);
  });

  it('refuse an unreadable domain reference', () => {
    expect(pathsOf(entity('System', { owner: 'team-a', domain: 'domain:' }))).toEqual(['spec.domain']);
  });
});

describe('Group', () => {
  it('accepts an empty children list', () => {
    expect(validateEntity(entity('Group', { type: 'team', children: [] })).ok).toBe(true);
  });

  it('accepts parent, members and profile', () => {
    const spec = {
      type: 'team',
      children: ['squad-a'],
      parent: 'org',
      members: ['jane', 'user:other/joe'],
      profile: { displayName: 'Team A', email: 'a@example.com', picture: 'https://example.com/a.png' },
    };
    expect(validateEntity(entity('Group', spec)).ok).toBe(true);
  });

  it('requires children even when there are none', () => {
    expect(problemsOf(entity('Group', { type: 'team' }))).toEqual([{ path: 'spec.children', message: 'is required' }]);
  });

  it('refuses an empty profile field', () => {
    expect(pathsOf(entity('Group', { type: 'team', children: [], profile: { email: '' } }))).toEqual(['spec.profile.email']);
  });
});

describe('User', () => {
  it('accepts memberOf and a profile', () => {
    expect(validateEntity(entity('User', { memberOf: ['team-a'], profile: { displayName: 'Jane' } })).ok).toBe(true);
  });

  it('requires memberOf, as Backstage does', () => {
    expect(problemsOf(entity('User', {}))).toEqual([{ path: 'spec.memberOf', message: 'is required' }]);
  });

  it('wants memberOf as a list', () => {
    expect(problemsOf(entity('User', { memberOf: 'team-a' }))).toEqual([
      { path: 'spec.memberOf', message: 'expected a list of entity reference strings, got the string "team-a"' },
    ]);
  });
});

describe('Location', () => {
  it('accepts target or targets with an optional type and presence', () => {
    expect(validateEntity(entity('Location', { targets: ['./a.yaml', './b.yaml'] })).ok).toBe(true);
    expect(validateEntity(entity('Location', { type: 'url', target: 'https://x.example/c.yaml', presence: 'optional' })).ok).toBe(true);
  });

  it('accepts a location without targets, as Backstage does', () => {
    expect(validateEntity(entity('Location', {})).ok).toBe(true);
  });

  it('refuses an unknown presence', () => {
    expect(problemsOf(entity('Location', { target: './a.yaml', presence: 'maybe' }))).toEqual([
      { path: 'spec.presence', message: 'expected "required" or "optional", got the string "maybe"' },
    ]);
  });
});

describe('Template', () => {
  const apiVersion = 'scaffolder.backstage.io/v1beta3';
  const steps = [{ id: 'fetch', name: 'Fetch', action: 'fetch:template', input: { url: './skeleton' } }];

  it('accepts parameters as one form or a list of forms', () => {
    expect(validateEntity(entity('Template', { type: 'service', owner: 'team-a', parameters: { properties: {} }, steps }, apiVersion)).ok).toBe(true);
    expect(validateEntity(entity('Template', { type: 'service', parameters: [{ title: 'One' }, { title: 'Two' }], steps }, apiVersion)).ok).toBe(true);
  });

  it('accepts string outputs next to links and text', () => {
    const output = { links: [{ title: 'Repo', url: '${{ steps.publish.output.remoteUrl }}' }], text: [{ content: 'done' }], repo: '${{ x }}' };
    expect(validateEntity(entity('Template', { type: 'service', steps, output }, apiVersion)).ok).toBe(true);
  });

  it('requires type and steps', () => {
    expect(pathsOf(entity('Template', {}, apiVersion))).toEqual(['spec.type', 'spec.steps']);
  });

  it('requires an action in every step', () => {
    expect(problemsOf(entity('Template', { type: 'service', steps: [{ id: 'fetch' }] }, apiVersion))).toEqual([
      { path: 'spec.steps[0].action', message: 'is required' },
    ]);
  });

  it('refuses parameters that are neither a form nor a list of forms', () => {
    expect(pathsOf(entity('Template', { type: 'service', steps, parameters: 'nope' }, apiVersion))).toEqual(['spec.parameters']);
    expect(pathsOf(entity('Template', { type: 'service', steps, parameters: ['nope'] }, apiVersion))).toEqual(['spec.parameters[0]']);
  });

  it('is only known under scaffolder.backstage.io/v1beta3', () => {
    expect(pathsOf(entity('Template', { type: 'service', steps }, 'backstage.io/v1beta2'))).toEqual(['apiVersion']);
  });
});
