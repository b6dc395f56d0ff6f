import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogClient, CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { startFakeGithub, startTestBackend, testDatabases, type FakeGithub, type TestBackend } from '@callboard/test-utils';
import { catalogPlugin } from '../catalogPlugin.ts';

/*
 * Backstage's own client, unchanged, against a running Callboard: every
 * method it offers is called here. If Backstage users point their tools at
 * Callboard, this is what those tools do.
 */
const databases = await testDatabases();

const entity = (kind: string, name: string, spec: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  tags: [compat]\nspec:\n${spec}`;

const CATALOG = [
  entity('Group', 'team-a', '  type: team\n  children: []\n'),
  entity('Component', 'checkout', '  type: service\n  lifecycle: production\n  owner: team-a\n  providesApis: [checkout-api]\n'),
  entity('Component', 'basket', '  type: service\n  lifecycle: experimental\n  owner: team-a\n  dependsOn: [component:checkout]\n'),
  entity('Component', 'storefront', '  type: website\n  lifecycle: production\n  owner: team-a\n'),
  entity('API', 'checkout-api', '  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: "openapi: 3.0.0"\n'),
].join('---\n');

describe.each(databases)('@backstage/catalog-client against Callboard on $name', (db) => {
  let github: FakeGithub;
  let t: TestBackend;
  let client: CatalogClient;
  const blob = (repo: string) => `${github.url}/${repo}/blob/main/catalog-info.yaml`;

  beforeAll(async () => {
    github = await startFakeGithub({
      repos: {
        'shop/core': { files: { 'catalog-info.yaml': CATALOG } },
        'shop/extra': {
          files: { 'catalog-info.yaml': entity('Component', 'search', '  type: service\n  lifecycle: production\n  owner: team-a\n') },
        },
        'shop/extra2': {
          files: { 'catalog-info.yaml': entity('Component', 'search2', '  type: service\n  lifecycle: production\n  owner: team-a\n') },
        },
      },
    });
    t = await startTestBackend({
      features: [catalogPlugin],
      database: db.config(),
      config: {
        integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl }] },
        catalog: { refresh: { intervalSeconds: 3600 } },
      },
    });
    client = new CatalogClient({
      discoveryApi: { getBaseUrl: async () => `${t.url}/api/catalog` },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await github?.stop();
    await db.cleanup();
  });

  it('adds, finds, updates and removes locations', async () => {
    const dry = await client.addLocation({ target: blob('shop/core'), dryRun: true });
    expect(dry.entities.map((e) => e.metadata.name).sort()).toEqual(['basket', 'checkout', 'checkout-api', 'storefront', 'team-a']);
    const added = await client.addLocation({ target: blob('shop/core') });
    expect(added.location.target).toBe(blob('shop/core'));
    const extra = await client.addLocation({ type: 'url', target: blob('shop/extra') });

    expect((await client.getLocations()).items.map((l) => l.target).sort()).toEqual([blob('shop/core'), blob('shop/extra')].sort());
    expect(await client.getLocationById(added.location.id)).toEqual(added.location);
    expect(await client.getLocationById('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(await client.getLocationByRef(`url:${blob('shop/core')}`)).toEqual(added.location);
    expect(await client.getLocationByEntity('component:default/checkout')).toEqual(added.location);

    const page = await client.queryLocations({ limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.totalItems).toBe(2);
    const streamed: string[] = [];
    for await (const items of client.streamLocations()) streamed.push(...items.map((l) => l.target));
    expect(streamed.sort()).toEqual([blob('shop/core'), blob('shop/extra')].sort());

    const updated = await client.updateLocation(extra.location.id, { type: 'url', target: blob('shop/extra2') });
    expect(updated.target).toBe(blob('shop/extra2'));
    expect(await client.getEntityByRef('component:default/search')).toBeUndefined();
    expect(await client.getEntityByRef('component:default/search2')).toBeDefined();
    await client.removeLocationById(extra.location.id);
    expect(await client.getEntityByRef('component:default/search2')).toBeUndefined();
  });

  it('reads entities every way the client offers', async () => {
    const checkout = await client.getEntityByRef('component:default/checkout');
    expect(checkout?.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
        { type: 'providesApi', targetRef: 'api:default/checkout-api' },
        { type: 'dependencyOf', targetRef: 'component:default/basket' },
      ]),
    );
    expect((await client.getEntityByName({ kind: 'Component', namespace: 'default', name: 'basket' }))?.metadata.name).toBe('basket');
    expect(await client.getEntityByRef('component:default/missing')).toBeUndefined();

    const list = await client.getEntities({
      filter: [{ kind: 'component', 'spec.lifecycle': 'production' }, { kind: 'api' }],
      fields: ['kind', 'metadata.name'],
      order: { field: 'metadata.name', order: 'asc' },
    });
    expect(list.items).toEqual([
      { kind: 'Component', metadata: { name: 'checkout' } },
      { kind: 'API', metadata: { name: 'checkout-api' } },
      { kind: 'Component', metadata: { name: 'storefront' } },
    ]);
    const existence = await client.getEntities({ filter: { kind: 'component', 'spec.dependsOn': CATALOG_FILTER_EXISTS } });
    expect(existence.items.map((e) => e.metadata.name)).toEqual(['basket']);

    const byRefs = await client.getEntitiesByRefs({ entityRefs: ['component:default/basket', 'component:default/nope', 'api:default/checkout-api'] });
    expect(byRefs.items.map((e) => e?.metadata.name)).toEqual(['basket', undefined, 'checkout-api']);
    const byRefsFiltered = await client.getEntitiesByRefs({ entityRefs: ['component:default/basket', 'api:default/checkout-api'], filter: { kind: 'api' } });
    expect(byRefsFiltered.items.map((e) => e?.metadata.name)).toEqual([undefined, 'checkout-api']);

    const first = await client.queryEntities({ filter: { kind: 'component' }, limit: 2, orderFields: { field: 'metadata.name', order: 'asc' } });
    expect(first.items.map((e) => e.metadata.name)).toEqual(['basket', 'checkout']);
    expect(first.totalItems).toBe(3);
    const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor!, limit: 2 });
    expect(second.items.map((e) => e.metadata.name)).toEqual(['storefront']);
    const back = await client.queryEntities({ cursor: second.pageInfo.prevCursor! });
    expect(back.items.map((e) => e.metadata.name)).toEqual(['basket', 'checkout']);
    const text = await client.queryEntities({ fullTextFilter: { term: 'STORE' } });
    expect(text.items.map((e) => e.metadata.name)).toEqual(['storefront']);

    const predicate = await client.queryEntities({
      query: { $all: [{ kind: 'component' }, { $not: { 'spec.type': 'website' } }] } as never,
      limit: 1,
    });
    expect(predicate.items.map((e) => e.metadata.name)).toEqual(['basket']);
    const predicateNext = await client.queryEntities({ cursor: predicate.pageInfo.nextCursor! });
    expect(predicateNext.items.map((e) => e.metadata.name)).toEqual(['checkout']);

    const streamed: string[] = [];
    for await (const page of client.streamEntities({ filter: { 'metadata.tags': 'compat' }, pageSize: 2 })) {
      streamed.push(...page.map((e) => e.metadata.name));
    }
    expect(streamed.sort()).toEqual(['basket', 'checkout', 'checkout-api', 'storefront', 'team-a']);

    const facets = await client.getEntityFacets({ facets: ['kind', 'spec.lifecycle'], filter: { 'metadata.tags': 'compat' } });
    expect(facets.facets.kind).toEqual(expect.arrayContaining([{ value: 'Component', count: 3 }, { value: 'API', count: 1 }]));
    const facetsByQuery = await client.getEntityFacets({ facets: ['spec.type'], query: { kind: 'component' } as never });
    expect(facetsByQuery.facets['spec.type']).toEqual([
      { value: 'service', count: 2 },
      { value: 'website', count: 1 },
    ]);
    const ancestry = await client.getEntityAncestors({ entityRef: 'component:default/basket' });
    expect(ancestry.rootEntityRef).toBe('component:default/basket');
    expect(ancestry.items[0]!.entity.metadata.name).toBe('basket');
  });

  it('refreshes, validates, analyzes and deletes entities', async () => {
    await client.refreshEntity('component:default/checkout');
    await expect(client.refreshEntity('component:default/missing')).rejects.toThrow();

    const valid = await client.validateEntity(
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'ok' }, spec: { type: 'service', owner: 'team-a', lifecycle: 'production' } },
      'url:https://example.com/catalog-info.yaml',
    );
    expect(valid).toEqual({ valid: true });
    const invalid = await client.validateEntity(
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'no good!' }, spec: { type: 'service' } },
      'url:https://example.com/catalog-info.yaml',
    );
    expect(invalid.valid).toBe(false);
    expect(invalid.valid === false && invalid.errors.map((e) => e.message).join('\n')).toMatch(/metadata\.name/);

    const analysis = await client.analyzeLocation({ location: { type: 'url', target: blob('shop/core') } });
    expect(analysis.existingEntityFiles.every((f) => f.isRegistered)).toBe(true);
    expect(analysis.generateEntities).toEqual([]);

    const basket = await client.getEntityByRef('component:default/basket');
    await client.removeEntityByUid(basket!.metadata.uid!);
    expect(await client.getEntityByRef('component:default/basket')).toBeUndefined();
  });
});
