import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, testDatabases, type TestBackend } from '@callboard/test-utils';
import { catalogPlugin } from '../catalogPlugin.ts';

const databases = await testDatabases();
const FIXTURES = path.resolve(import.meta.dirname, '../../../../../../shared/fixtures');

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-loc-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

describe('location trees from real catalogs', () => {
  let t: TestBackend;
  beforeAll(async () => {
    const examples = path.join(FIXTURES, 'catalog/backstage-backstage/examples');
    t = await startTestBackend({
      features: [catalogPlugin],
      config: {
        catalog: {
          locations: [
            ...['all-apis.yaml', 'all-components.yaml', 'all-domains.yaml', 'all-resources.yaml', 'all-systems.yaml', 'acme-corp.yaml'].map(
              (f) => ({ type: 'file', target: path.join(examples, f) }),
            ),
            { type: 'file', target: path.join(FIXTURES, 'catalog/roadie-backstage-plugins/catalog-info.yaml') },
          ],
        },
      },
    });
  });
  afterAll(() => t.stop());

  it('follows Location targets, including globs, and stores the Location entities too', async () => {
    const apis = await json(await t.fetch('/api/catalog/entities/by-query?filter=kind=api&limit=100'));
    const names = apis.body.items.map((e: any) => e.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['hello-world', 'petstore', 'streetlights', 'starwars-graphql']));
    // Its definition is a $text URL on github.com, which this backend may not read.
    expect(names).not.toContain('spotify');
    const location = await json(await t.fetch('/api/catalog/entities/by-name/location/default/example-apis'));
    expect(location.status).toBe(200);
    // Roadie's Location uses ./plugins/**/catalog-info.yaml: every match is read.
    const roadie = await json(await t.fetch('/api/catalog/entities/by-query?filter=metadata.annotations.backstage.io/managed-by-origin-location=' +
      encodeURIComponent(`file:${path.join(FIXTURES, 'catalog/roadie-backstage-plugins/catalog-info.yaml')}`) + '&limit=200'));
    const files = new Set(roadie.body.items.map((e: any) => e.metadata.annotations['backstage.io/managed-by-location']));
    expect(files.size).toBeGreaterThanOrEqual(20);
  });

  it('records where each entity came from and its Location parent (ancestry)', async () => {
    const petstore = await json(await t.fetch('/api/catalog/entities/by-name/api/default/petstore'));
    expect(petstore.body.metadata.annotations['backstage.io/managed-by-location']).toBe(
      `file:${path.join(FIXTURES, 'catalog/backstage-backstage/examples/apis/petstore-api.yaml')}`,
    );
    const ancestry = await json(await t.fetch('/api/catalog/entities/by-name/api/default/petstore/ancestry'));
    expect(ancestry.body.rootEntityRef).toBe('api:default/petstore');
    expect(ancestry.body.items.map((i: any) => i.parentEntityRefs)).toEqual([['location:default/example-apis'], []]);
  });

  it('reports a $text URL on a host that is not allowed, without losing the other entities', async () => {
    const status = await json(await t.fetch('/api/catalog/locations/status'));
    const apis = status.body.items.find((l: any) => l.target.endsWith('all-apis.yaml'));
    expect(apis.lastError).toMatch(/wayback-search-api\.yaml.*not allowed/);
    expect(apis.entityCount).toBeGreaterThan(3);
  });
});

describe('targets and placeholders that try to leave their folder', () => {
  let dir: string;
  let t: TestBackend;
  beforeAll(async () => {
    dir = tempDir({
      'catalog/locations.yaml': fs.readFileSync(path.join(FIXTURES, 'hostile/authored/location-escape.yaml'), 'utf8'),
      'catalog/ok/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: inside\nspec:\n  type: service\n  owner: team-a\n  lifecycle: production\n',
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: outside\nspec:\n  type: service\n',
      'catalog/api.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: API',
        'metadata:\n  name: local-api',
        'spec:',
        '  type: openapi\n  lifecycle: production\n  owner: team-a',
        '  definition:\n    $text: ./defs/openapi.yaml',
        '  extra:\n    json:\n      $json: ./defs/data.json\n    yaml:\n      $yaml: ./defs/data.yaml',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: API',
        'metadata:\n  name: sneaky-api',
        'spec:',
        '  type: openapi\n  lifecycle: production\n  owner: team-a',
        '  definition:\n    $text: ../../../../../../etc/passwd',
      ].join('\n'),
      'catalog/defs/openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Local\n',
      'catalog/defs/data.json': '{"answer": 42}',
      'catalog/defs/data.yaml': 'list: [a, b]\n',
    });
    t = await startTestBackend({
      features: [catalogPlugin],
      baseDir: dir,
      config: {
        catalog: {
          locations: [
            { type: 'file', target: 'catalog/locations.yaml' },
            { type: 'file', target: 'catalog/api.yaml' },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the target inside and refuses every target that climbs out', async () => {
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/inside')).status).toBe(200);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/outside')).status).toBe(404);
    const problems = t.logs.problems().join('\n');
    expect(problems).toMatch(/target \.\.\/\.\.\/catalog-info\.yaml: it resolves to .*outside the location's folder/);
    expect(problems).toMatch(/target \.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd: it resolves to \/etc\/passwd, outside/);
    expect(problems).toMatch(/target \.\/nested\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/hostname: it resolves to \/etc\/hostname, outside/);
    expect(problems).toMatch(/escaping-location-single-target|etc\/shadow/);
    expect(problems).not.toMatch(/root:x:0:0/);
  });

  it('substitutes $text, $json and $yaml from files beside the entity, and refuses a placeholder that escapes', async () => {
    const api = await json(await t.fetch('/api/catalog/entities/by-name/api/default/local-api'));
    expect(api.body.spec.definition).toBe('openapi: 3.0.0\ninfo:\n  title: Local\n');
    expect(api.body.spec.extra).toEqual({ json: { answer: 42 }, yaml: { list: ['a', 'b'] } });
    expect((await t.fetch('/api/catalog/entities/by-name/api/default/sneaky-api')).status).toBe(404);
    expect(t.logs.problems().join('\n')).toMatch(/spec\.definition: cannot substitute \$text \.\.\/.*etc\/passwd: it resolves to \/etc\/passwd, outside/);
  });
});

const COMPONENTS = (names: string[], extra = '') =>
  names
    .map((n) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${n}\n${extra}spec:\n  type: service\n  owner: team-a\n  lifecycle: production\n`)
    .join('---\n');

describe.each(databases)('the catalog API on $name', (db) => {
  let dir: string;
  let t: TestBackend;
  const file = () => path.join(dir, 'components.yaml');
  beforeAll(async () => {
    dir = tempDir({
      'components.yaml': COMPONENTS(['alpha', 'beta', 'gamma'], '  tags: [java]\n'),
      'team.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
    });
    t = await startTestBackend({
      features: [catalogPlugin],
      database: db.config(),
      baseDir: dir,
      config: {
        catalog: {
          locations: [
            { type: 'file', target: 'components.yaml' },
            { type: 'file', target: 'team.yaml' },
          ],
          orphanStrategy: 'keep',
          refresh: { intervalSeconds: 3600 },
        },
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
  });
  const post = (p: string, body: unknown) =>
    t.fetch(`/api/catalog${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers GET /entities with order, offset, limit, filter and fields', async () => {
    const all = await json(await t.fetch('/api/catalog/entities?filter=kind=component&order=desc:metadata.name&fields=metadata.name'));
    expect(all.body).toEqual([{ metadata: { name: 'gamma' } }, { metadata: { name: 'beta' } }, { metadata: { name: 'alpha' } }]);
    const page = await json(await t.fetch('/api/catalog/entities?filter=kind=component&order=asc:metadata.name&offset=1&limit=1&fields=metadata.name'));
    expect(page.body).toEqual([{ metadata: { name: 'beta' } }]);
    expect((await t.fetch('/api/catalog/entities?order=sideways:name')).status).toBe(400);
  });

  it('matches array items as keys, as Backstage does', async () => {
    const byKey = await json(await t.fetch('/api/catalog/entities/by-query?filter=metadata.tags.java=true'));
    expect(byKey.body.totalItems).toBe(3);
    // On PostgreSQL these terms have no index entry of their own; they are found through `metadata.tags=java`.
    const count = async (query: string) => (await json(await t.fetch(`/api/catalog/entities/by-query?${query}`))).body.totalItems;
    expect(await count('filter=metadata.tags.java')).toBe(3);
    expect(await count('filter=METADATA.TAGS.JAVA=TRUE')).toBe(3);
    expect(await count('filter=metadata.tags.java=false')).toBe(0);
    expect(await count('filter=metadata.tags.cobol=true')).toBe(0);
    expect(await count('filter=metadata.tags.java=true,kind=nothing')).toBe(0);
    expect(await count('filter=metadata.tags.cobol&filter=metadata.tags.java')).toBe(3);
  });

  it('queries with predicates on POST by-query and POST entity-facets', async () => {
    const res = await json(
      await post('/entities/by-query', {
        query: { $all: [{ kind: 'component' }, { $not: { 'metadata.name': { $in: ['alpha', 'BETA'] } } }] },
        orderBy: [{ field: 'metadata.name', order: 'asc' }],
        limit: 10,
      }),
    );
    expect(res.body.items.map((e: any) => e.metadata.name)).toEqual(['gamma']);
    const prefix = await json(await post('/entities/by-query', { query: { 'metadata.name': { $hasPrefix: 'AL' } } }));
    expect(prefix.body.items.map((e: any) => e.metadata.name)).toEqual(['alpha']);
    const facets = await json(await post('/entity-facets', { facets: ['kind'], query: { 'spec.type': 'service' } }));
    expect(facets.body.facets.kind).toEqual([{ value: 'Component', count: 3 }]);
    const bad = await json(await post('/entities/by-query', { query: { kind: { $regex: 'x' } } }));
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/operator '\$regex' is not supported/);
  });

  it('pages a predicate query with cursors that remember the query', async () => {
    const first = await json(await post('/entities/by-query', { query: { kind: 'component' }, limit: 2 }));
    expect(first.body.items.map((e: any) => e.metadata.name)).toEqual(['alpha', 'beta']);
    const cursor = JSON.parse(Buffer.from(first.body.pageInfo.nextCursor, 'base64').toString('utf8'));
    expect(cursor).toHaveProperty('query');
    const second = await json(await post('/entities/by-query', { cursor: first.body.pageInfo.nextCursor }));
    expect(second.body.items.map((e: any) => e.metadata.name)).toEqual(['gamma']);
    expect(second.body.totalItems).toBe(3);
  });

  it('serves by-refs in order with nulls, and by-uid get and delete', async () => {
    const refs = await json(await post('/entities/by-refs', { entityRefs: ['component:default/beta', 'component:default/nope', 'group:default/team-a'], fields: ['metadata.name', 'metadata.uid'] }));
    expect(refs.body.items.map((e: any) => e?.metadata.name ?? null)).toEqual(['beta', null, 'team-a']);
    const uid = refs.body.items[0].metadata.uid;
    expect((await json(await t.fetch(`/api/catalog/entities/by-uid/${uid}`))).body.metadata.name).toBe('beta');
    expect((await t.fetch(`/api/catalog/entities/by-uid/${uid}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.fetch(`/api/catalog/entities/by-uid/${uid}`)).status).toBe(404);
    // The next refresh of its location brings it back, as in Backstage.
    expect((await post('/refresh', { entityRef: 'component:default/alpha' })).status).toBe(200);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/beta')).status).toBe(200);
  });

  it('validates an entity the way ingestion does', async () => {
    const ok = await post('/validate-entity', {
      location: 'url:https://example.com/catalog-info.yaml',
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'fine' }, spec: { type: 'service', owner: 'a', lifecycle: 'b' } },
    });
    expect(ok.status).toBe(200);
    const bad = await json(
      await post('/validate-entity', { location: 'url:https://example.com/x.yaml', entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'bad name!' } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/^metadata\.name: /);
  });

  it('reports references to missing entities in the status, and keeps the relation', async () => {
    fs.writeFileSync(file(), COMPONENTS(['alpha', 'beta', 'gamma'], '  tags: [java]\n').replace('owner: team-a', 'owner: team-zzz'));
    await post('/refresh', { entityRef: 'component:default/alpha' });
    const alpha = await json(await t.fetch('/api/catalog/entities/by-name/component/default/alpha'));
    expect(alpha.body.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-zzz' });
    expect(alpha.body.status.items[0]).toMatchObject({ level: 'warning', message: expect.stringMatching(/group:default\/team-zzz, which is not in the catalog/) });

    // When the missing group arrives from another location, alpha's warning goes and the group lists it.
    fs.writeFileSync(path.join(dir, 'team.yaml'), fs.readFileSync(path.join(dir, 'team.yaml'), 'utf8') + '---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-zzz\nspec:\n  type: team\n  children: []\n');
    await post('/refresh', { entityRef: 'group:default/team-a' });
    const healed = await json(await t.fetch('/api/catalog/entities/by-name/component/default/alpha'));
    expect(healed.body.status).toBeUndefined();
    const zzz = await json(await t.fetch('/api/catalog/entities/by-name/group/default/team-zzz'));
    expect(zzz.body.relations).toContainEqual({ type: 'ownerOf', targetRef: 'component:default/alpha' });
    const page = await json(await t.fetch('/api/catalog/entities/by-query?filter=kind=group'));
    expect(page.body.items.find((e: any) => e.metadata.name === 'team-zzz').relations).toContainEqual({ type: 'ownerOf', targetRef: 'component:default/alpha' });
  });

  it('keeps an entity its file no longer emits as an orphan when configured to', async () => {
    fs.writeFileSync(file(), COMPONENTS(['alpha', 'beta']));
    const refresh = await post('/refresh', { entityRef: 'component:default/alpha' });
    expect(refresh.status).toBe(200);
    const gamma = await json(await t.fetch('/api/catalog/entities/by-name/component/default/gamma'));
    expect(gamma.body.metadata.annotations['backstage.io/orphan']).toBe('true');
    const orphans = await json(await t.fetch('/api/catalog/entities/by-query?filter=metadata.annotations.backstage.io/orphan=true'));
    expect(orphans.body.items.map((e: any) => e.metadata.name)).toEqual(['gamma']);
  });

  it('keeps the last good version of an entity that became invalid, with the error in its status', async () => {
    fs.writeFileSync(file(), COMPONENTS(['alpha']).replace('type: service', 'type: [not, a, string]') + '---\n' + COMPONENTS(['beta']));
    await post('/refresh', { entityRef: 'component:default/beta' });
    // The envelope validator accepts any spec; the full model (spec.type must be a string) rejects it.
    const alpha = await json(await t.fetch('/api/catalog/entities/by-name/component/default/alpha'));
    expect(alpha.status).toBe(200);
  });

  it('lists locations, finds an entity\'s location, and refuses to delete a configured one', async () => {
    const list = await json(await t.fetch('/api/catalog/locations'));
    expect(list.body.map((l: any) => l.data.target).sort()).toEqual([file(), path.join(dir, 'team.yaml')].sort());
    const id = list.body.find((l: any) => l.data.target === file()).data.id;
    expect((await json(await t.fetch(`/api/catalog/locations/${id}`))).body).toEqual({ id, type: 'file', target: file() });
    expect((await json(await t.fetch('/api/catalog/locations/by-entity/component/default/alpha'))).body.id).toBe(id);
    const del = await json(await t.fetch(`/api/catalog/locations/${id}`, { method: 'DELETE' }));
    expect(del.status).toBe(400);
    expect(del.body.detail).toMatch(/comes from app-config.yaml; remove it there/);
    const byQuery = await json(await post('/locations/by-query', { query: { target: { $hasPrefix: dir.toLowerCase() } }, limit: 1 }));
    expect(byQuery.body.totalItems).toBe(2);
    expect(byQuery.body.items).toHaveLength(1);
    expect(byQuery.body.pageInfo.nextCursor).toBeDefined();
  });

  it('refuses to register file locations through the API', async () => {
    const res = await json(await post('/locations', { type: 'file', target: '/etc/passwd' }));
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/file locations can only be configured in app-config.yaml/);
    const internal = await json(await post('/locations', { type: 'url', target: 'https://169.254.169.254/latest/meta-data' }));
    expect(internal.status).toBe(403);
  });
});
