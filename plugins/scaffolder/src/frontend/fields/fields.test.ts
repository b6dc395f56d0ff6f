import { describe, expect, it } from 'vitest';
import { completeEntityRef, pickerOption, pickerQuery } from './entityQuery.ts';
import { formatRepoUrl, parseRepoUrl, readRepoUrl } from '../../common/repoUrl.ts';
import { repoUrlProblem } from './repoUrlValue.ts';
import { entityNameProblem } from './EntityNamePicker.tsx';
import { tagProblem } from './EntityTagsPicker.tsx';

describe('RepoUrlPicker value', () => {
  it('round-trips Backstage’s host?owner=&repo= form', () => {
    const value = formatRepoUrl({ host: 'github.com', owner: 'acme', repo: 'web shop' });
    expect(value).toBe('github.com?owner=acme&repo=web+shop');
    expect(readRepoUrl(value)).toEqual({ host: 'github.com', owner: 'acme', repo: 'web shop' });
    expect(readRepoUrl(undefined)).toEqual({ host: '', owner: '', repo: '' });
  });

  it('names what is missing or not allowed', () => {
    expect(repoUrlProblem('')).toBe('Choose a host');
    expect(repoUrlProblem('gitlab.com?owner=a&repo=b', { allowedHosts: ['github.com'] })).toBe('The host must be one of github.com');
    expect(repoUrlProblem('github.com?repo=b')).toMatch(/owner/);
    expect(repoUrlProblem('github.com?owner=other&repo=b', { allowedOwners: ['acme'] })).toBe('The owner must be one of acme');
    expect(repoUrlProblem('github.com?owner=acme')).toMatch(/repository name/);
    expect(repoUrlProblem('github.com?owner=acme&repo=../etc')).toMatch(/may hold/);
    expect(repoUrlProblem('github.com?owner=acme&repo=x.git')).toMatch(/\.git/);
    expect(repoUrlProblem('github.com?owner=acme&repo=web-shop', { allowedHosts: ['github.com'], allowedOwners: ['acme'] })).toBeUndefined();
  });
});

describe('picker query', () => {
  it('turns catalogFilter into any-of filters and asks only for what the list shows', () => {
    const query = pickerQuery({ catalogFilter: [{ kind: ['Group', 'User'] }, { kind: 'System', 'spec.type': 'platform' }], term: ' ann ' });
    expect(query.filter).toEqual(['kind=Group,kind=User', 'kind=System,spec.type=platform']);
    expect(query.fullTextFilterTerm).toBe('ann');
    expect(query.limit).toBe('20');
    expect(String(query.fields)).toContain('spec.profile.displayName');
  });

  it('falls back to allowedKinds, then the picker’s default kinds, and sends no term when empty', () => {
    expect(pickerQuery({ allowedKinds: ['Component'], term: '' })).not.toHaveProperty('fullTextFilterTerm');
    expect(pickerQuery({ allowedKinds: ['Component'], term: '' }).filter).toEqual(['kind=Component']);
    expect(pickerQuery({ defaultKinds: ['Group', 'User'], term: '' }).filter).toEqual(['kind=Group,kind=User']);
    expect(pickerQuery({ catalogFilter: { 'metadata.annotations.x': { exists: true } }, term: '' }).filter).toEqual(['metadata.annotations.x']);
  });

  it('shows display names and stores full refs', () => {
    expect(pickerOption({ kind: 'User', metadata: { name: 'ann' }, spec: { profile: { displayName: 'Ann Lee' } } })).toEqual({
      ref: 'user:default/ann',
      label: 'Ann Lee',
      secondary: 'user:default/ann',
    });
  });

  it('completes typed refs with the default kind and namespace', () => {
    expect(completeEntityRef('platform', { defaultKind: 'group' })).toBe('group:default/platform');
    expect(completeEntityRef('ops/platform', { defaultKind: 'Group' })).toBe('group:ops/platform');
    expect(completeEntityRef('user:ann', { defaultKind: 'group' })).toBe('user:default/ann');
    expect(completeEntityRef('platform', {})).toBeUndefined();
    expect(completeEntityRef('a b', { defaultKind: 'group' })).toBeUndefined();
  });
});

describe('name and tag rules', () => {
  it('follows the catalog’s rules', () => {
    expect(entityNameProblem('payments-api')).toBeUndefined();
    expect(entityNameProblem('-bad')).toMatch(/Letters/);
    expect(entityNameProblem('a'.repeat(64))).toMatch(/63/);
    expect(tagProblem('java')).toBeUndefined();
    expect(tagProblem('c++')).toBeUndefined();
    expect(tagProblem('Java')).toMatch(/lower-case/);
    expect(tagProblem('a--b')).toMatch(/single dashes/);
  });
});

describe('the query the scaffolder benchmark times', () => {
  it('is exactly what OwnerPicker sends (scripts/bench/scaffolder.mjs repeats it)', () => {
    expect(pickerQuery({ defaultKinds: ['Group', 'User'], term: 'an' })).toEqual({
      filter: ['kind=Group,kind=User'],
      fields: 'apiVersion,kind,metadata.name,metadata.namespace,metadata.title,spec.profile.displayName',
      orderField: 'metadata.name,asc',
      limit: '20',
      fullTextFilterTerm: 'an',
      fullTextFilterFields: 'metadata.name,metadata.title,spec.profile.displayName',
    });
  });
});

describe('repository locations', () => {
  it('reads what URLSearchParams writes and the reverse, and parses strictly for actions', () => {
    const written = `github.com?${new URLSearchParams({ owner: 'a&b', repo: 'x y=z' })}`;
    expect(readRepoUrl(written)).toEqual({ host: 'github.com', owner: 'a&b', repo: 'x y=z' });
    expect(Object.fromEntries(new URLSearchParams(formatRepoUrl({ host: 'h', owner: 'a&b', repo: 'x y=z' }).split('?')[1]))).toEqual({ owner: 'a&b', repo: 'x y=z' });
    expect(parseRepoUrl('local?owner=acme&repo=web&repo=other&workspace=w')).toEqual({ host: 'local', owner: 'acme', repo: 'web', workspace: 'w' });
    expect(() => parseRepoUrl('local?owner=acme')).toThrow(/names no repo/);
    expect(() => parseRepoUrl('?repo=x')).toThrow(/has no host/);
  });
});
