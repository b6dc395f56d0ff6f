import { describe, expect, it } from 'vitest';
import { editUrl, entityRoute, entityTitle, safeExternalUrl, sourceUrl, tryParseEntityRef } from './entityRoute.ts';

describe('entity links', () => {
  it('builds the entity page path with the kind lowercased and segments encoded', () => {
    expect(entityRoute({ kind: 'Component', namespace: 'default', name: 'payments-api' })).toBe(
      '/catalog/default/component/payments-api',
    );
    expect(entityRoute({ kind: 'Group', namespace: 'a b', name: 'x/y' })).toBe('/catalog/a%20b/group/x%2Fy');
  });

  it('resolves owner refs with the field default kind and the entity namespace', () => {
    expect(tryParseEntityRef('team-a', { defaultKind: 'group', defaultNamespace: 'ops' })).toEqual({
      kind: 'group',
      namespace: 'ops',
      name: 'team-a',
    });
    expect(tryParseEntityRef('user:jdoe', { defaultKind: 'group' })).toEqual({ kind: 'user', namespace: 'default', name: 'jdoe' });
    expect(tryParseEntityRef(42, { defaultKind: 'group' })).toBeUndefined();
  });

  it('only lets web and mail addresses become links', () => {
    expect(safeExternalUrl('https://example.com/a')).toBe('https://example.com/a');
    expect(safeExternalUrl('mailto:team@example.com')).toBe('mailto:team@example.com');
    expect(safeExternalUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeExternalUrl('not a url')).toBeUndefined();
  });

  it('finds the source only for url: locations', () => {
    const entity = (location: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', annotations: { 'backstage.io/managed-by-location': location } },
    });
    expect(sourceUrl(entity('url:https://github.com/o/r/blob/main/catalog-info.yaml'))).toBe(
      'https://github.com/o/r/blob/main/catalog-info.yaml',
    );
    expect(sourceUrl(entity('file:/srv/catalog-info.yaml'))).toBeUndefined();
  });

  it('prefers the view-url annotation for the source, and takes the edit link only from edit-url', () => {
    const annotated = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'x',
        annotations: {
          'backstage.io/managed-by-location': 'url:https://github.com/o/r/blob/main/catalog-info.yaml',
          'backstage.io/view-url': 'https://git.example.com/o/r/src/main/catalog-info.yaml',
          'backstage.io/edit-url': 'javascript:alert(1)',
        },
      },
    };
    expect(sourceUrl(annotated)).toBe('https://git.example.com/o/r/src/main/catalog-info.yaml');
    expect(editUrl(annotated)).toBeUndefined();
    expect(
      editUrl({ ...annotated, metadata: { name: 'x', annotations: { 'backstage.io/edit-url': 'https://github.com/o/r/edit/main/catalog-info.yaml' } } }),
    ).toBe('https://github.com/o/r/edit/main/catalog-info.yaml');
  });
});

describe('entity titles', () => {
  const base = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'ada' } };
  it('prefers the title, then a profile display name, then the name', () => {
    expect(entityTitle({ ...base, metadata: { name: 'ada', title: 'Ada O.' }, spec: { profile: { displayName: 'Ada' } } })).toBe('Ada O.');
    expect(entityTitle({ ...base, spec: { profile: { displayName: 'Ada Okafor' } } })).toBe('Ada Okafor');
    expect(entityTitle({ ...base, spec: { profile: 'oops' } })).toBe('ada');
  });
});
