import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreServices, createBackendModule, createBackendPlugin } from '@callboard/backend-plugin-api';
import { startTestBackend, testDatabases, type TestBackend } from '@callboard/test-utils';
import { catalogPlugin } from '../catalogPlugin.ts';
import { catalogProcessorsExtensionPoint } from '../extensionPoints.ts';
import { entityAdded, entityChanged, entityRemoved } from '../catalogEvents.ts';

const databases = await testDatabases();
const HOSTILE = path.resolve(import.meta.dirname, '../../../../../../shared/fixtures/hostile/authored');

const TEAM_FILE = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Web-Shop
  description: "<script>alert(1)</script> The shop"
  tags: [typescript, frontend]
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: website
  lifecycle: production
  owner: team-a
  dependsOn: [component:payments, resource:shop-db]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  tags: [java]
spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-api
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition: "openapi: 3.0.0"
`;

const MALFORMED = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: broken
  tags: [unclosed
spec:
  type: service
`;

const MISSING_NAME = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  description: no name here
spec:
  type: service
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: shop-db
spec:
  type: database
  owner: team-a
`;

function writeFiles(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-catalog-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const locations = (names: string[]) => names.map((target) => ({ type: 'file', target }));

describe.each(databases)('catalog on $name', (db) => {
  let dir: string;
  let t: TestBackend;
  const events: string[] = [];
  const eventRecorder = createBackendPlugin({
    id: 'recorder',
    deps: { events: coreServices.events },
    init({ events: bus }) {
      bus.subscribe(entityAdded, (e) => void events.push(`added ${e.entityRef}`));
      bus.subscribe(entityChanged, (e) => void events.push(`changed ${e.entityRef}`));
      bus.subscribe(entityRemoved, (e) => void events.push(`removed ${e.entityRef}`));
    },
  });
  const labeller = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'labeller',
    deps: { processors: catalogProcessorsExtensionPoint },
    init({ processors }) {
      processors.add({
        name: 'labeller',
        process: (entity) => ({ ...entity, metadata: { ...entity.metadata, labels: { ...entity.metadata.labels, seen: 'yes' } } }),
      });
    },
  });

  beforeAll(async () => {
    dir = writeFiles({ 'teams.yaml': TEAM_FILE, 'malformed.yaml': MALFORMED, 'missing-name.yaml': MISSING_NAME });
    t = await startTestBackend({
      features: [catalogPlugin, eventRecorder, labeller],
      database: db.config(),
      baseDir: dir,
      config: {
        catalog: {
          locations: locations(['teams.yaml', 'malformed.yaml', 'missing-name.yaml', 'does-not-exist.yaml']),
          refresh: { intervalSeconds: 0.2 },
        },
      },
    });
  });

  afterAll(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
  });

  const get = async (p: string) => {
    const res = await t.fetch(`/api/catalog${p}`);
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
  };
  const names = (body: { items: { metadata: { name: string } }[] }) => body.items.map((e) => e.metadata.name);

  it('loads good files, names the file and line of malformed YAML, and skips an unnamed entity alone', async () => {
    const problems = t.logs.problems().join('\n');
    expect(problems).toMatch(/malformed\.yaml line 6, column 1: Flow sequence in block collection must be sufficiently indented and end with a \]\. Its entities/);
    expect(problems).toMatch(/missing-name\.yaml document 1 \(line 1\): entity is invalid: metadata\.name: is required/);
    expect(problems).toMatch(/does-not-exist\.yaml does not exist/);
    const all = await get('/entities/by-query?limit=50');
    expect(all.body.totalItems).toBe(5);
    expect(names(all.body).sort()).toEqual(['payments', 'payments-api', 'shop-db', 'team-a', 'Web-Shop'].sort());
    expect(events.filter((e) => e.startsWith('added'))).toHaveLength(5);
  });

  it('serves by-name case-insensitively with relations in both directions and processor output', async () => {
    const shop = await get('/entities/by-name/component/default/web-shop');
    expect(shop.status).toBe(200);
    expect(shop.body.metadata.name).toBe('Web-Shop');
    expect(shop.body.metadata.uid).toMatch(/[0-9a-f-]{36}/);
    expect(shop.body.metadata.labels).toEqual({ seen: 'yes' });
    expect(shop.body.metadata.annotations['backstage.io/managed-by-location']).toBe(`file:${path.join(dir, 'teams.yaml')}`);
    expect(shop.body.relations).toEqual([
      { type: 'dependsOn', targetRef: 'component:default/payments' },
      { type: 'dependsOn', targetRef: 'resource:default/shop-db' },
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
    ]);
    const team = await get('/entities/by-name/Group/default/TEAM-A');
    expect(team.body.relations).toEqual([
      { type: 'ownerOf', targetRef: 'api:default/payments-api' },
      { type: 'ownerOf', targetRef: 'component:default/payments' },
      { type: 'ownerOf', targetRef: 'component:default/Web-Shop' },
      { type: 'ownerOf', targetRef: 'resource:default/shop-db' },
    ]);
  });

  it('answers an unknown entity with a 404 problem', async () => {
    const res = await get('/entities/by-name/component/default/nope');
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', detail: 'No entity named component:default/nope in the catalog' });
  });

  it('filters like Backstage: AND, OR, existence, arrays, nested keys, relations, any case', async () => {
    expect(names((await get('/entities/by-query?filter=kind=component')).body)).toEqual(['payments', 'Web-Shop']);
    expect(names((await get('/entities/by-query?filter=KIND=Component,spec.type=WEBSITE')).body)).toEqual(['Web-Shop']);
    expect(names((await get('/entities/by-query?filter=kind=api&filter=kind=resource')).body)).toEqual(['payments-api', 'shop-db']);
    expect(names((await get('/entities/by-query?filter=spec.lifecycle')).body)).toEqual(['payments', 'payments-api', 'Web-Shop']);
    expect(names((await get('/entities/by-query?filter=metadata.tags=java')).body)).toEqual(['payments']);
    expect(
      names((await get('/entities/by-query?filter=metadata.annotations.backstage.io/techdocs-ref=dir:.')).body),
    ).toEqual(['Web-Shop']);
    expect(
      names((await get(`/entities/by-query?filter=${encodeURIComponent('relations.ownedBy=group:default/team-a,kind=component')}`)).body),
    ).toEqual(['payments', 'Web-Shop']);
    expect(
      names((await get(`/entities/by-query?filter=${encodeURIComponent('relations.ownerOf=component:default/payments')}`)).body),
    ).toEqual(['team-a']);
  });

  it('matches every entity on keys every entity has, and none when they must be missing', async () => {
    // No terms are kept for these keys' existence (ALWAYS_PRESENT_KEYS); the answers must not change.
    for (const key of ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.annotations', 'metadata.annotations.backstage.io/managed-by-origin-location']) {
      expect((await get(`/entities/by-query?limit=0&filter=${encodeURIComponent(key)}`)).body.totalItems, key).toBe(5);
      const missing = await t.fetch('/api/catalog/entities/by-query', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ limit: 0, query: { [key]: { $exists: false } } }),
      });
      expect(((await missing.json()) as { totalItems: number }).totalItems, key).toBe(0);
    }
    const located = await get(`/entities/by-query?filter=${encodeURIComponent(`metadata.annotations.backstage.io/managed-by-location=file:${path.join(dir, 'teams.yaml')}`)}`);
    // shop-db comes from another file.
    expect(names(located.body).sort()).toEqual(['payments', 'payments-api', 'team-a', 'Web-Shop'].sort());
  });

  it('rejects a malformed filter with a 400 that says what is wrong', async () => {
    const res = await get('/entities/by-query?filter=kind=component,,x');
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/empty condition between commas/);
    const limit = await get('/entities/by-query?limit=-1');
    expect(limit.status).toBe(400);
    expect(limit.body.issues[0].path).toBe('query.limit');
    const cursor = await get('/entities/by-query?cursor=garbage');
    expect(cursor.status).toBe(400);
    expect(cursor.body.detail).toMatch(/Invalid cursor/);
  });

  it('pages forward and back with cursors that carry the query', async () => {
    const first = await get('/entities/by-query?limit=2&orderField=metadata.name,asc');
    expect(names(first.body)).toEqual(['payments', 'payments-api']);
    expect(first.body.totalItems).toBe(5);
    expect(first.body.pageInfo.prevCursor).toBeUndefined();
    const second = await get(`/entities/by-query?cursor=${first.body.pageInfo.nextCursor}`);
    expect(names(second.body)).toEqual(['shop-db', 'team-a']);
    const third = await get(`/entities/by-query?cursor=${second.body.pageInfo.nextCursor}`);
    expect(names(third.body)).toEqual(['Web-Shop']);
    expect(third.body.pageInfo.nextCursor).toBeUndefined();
    const back = await get(`/entities/by-query?cursor=${third.body.pageInfo.prevCursor}`);
    expect(names(back.body)).toEqual(['shop-db', 'team-a']);
    const backAgain = await get(`/entities/by-query?cursor=${back.body.pageInfo.prevCursor}`);
    expect(names(backAgain.body)).toEqual(['payments', 'payments-api']);
    expect(backAgain.body.pageInfo.prevCursor).toBeUndefined();

    const desc = await get('/entities/by-query?limit=3&orderField=spec.type,desc&filter=kind=component,kind=api');
    expect(names(desc.body)).toEqual(['Web-Shop', 'payments', 'payments-api']);
  });

  it('searches free text and projects fields', async () => {
    expect(names((await get('/entities/by-query?fullTextFilterTerm=SHOP')).body)).toEqual(['shop-db', 'Web-Shop']);
    expect(names((await get('/entities/by-query?fullTextFilterTerm=50%25_off')).body)).toEqual([]);
    const projected = await get('/entities/by-query?filter=kind=api&fields=kind,metadata.name');
    expect(projected.body.items).toEqual([{ kind: 'API', metadata: { name: 'payments-api' } }]);
  });

  it('counts facets, optionally under a filter', async () => {
    const facets = await get('/entity-facets?facet=kind&facet=metadata.tags');
    expect(facets.body.facets.kind).toEqual([
      { value: 'Component', count: 2 },
      { value: 'API', count: 1 },
      { value: 'Group', count: 1 },
      { value: 'Resource', count: 1 },
    ]);
    expect(facets.body.facets['metadata.tags']).toHaveLength(3);
    // Labels keep their case; names and uids (columns, not search terms) are counted too.
    const byName = await get('/entity-facets?facet=metadata.name&facet=metadata.uid&filter=kind=component');
    expect(byName.body.facets['metadata.name']).toEqual([
      { value: 'payments', count: 1 },
      { value: 'Web-Shop', count: 1 },
    ]);
    expect(byName.body.facets['metadata.uid']).toHaveLength(2);
    expect((await get('/entities/by-query?filter=metadata.name=WEB-SHOP')).body.items).toHaveLength(1);
    const uid = (await get('/entities/by-name/component/default/web-shop')).body.metadata.uid;
    expect(names((await get(`/entities/by-query?filter=metadata.uid=${uid}`)).body)).toEqual(['Web-Shop']);
    expect(names((await get('/entities/by-query?fullTextFilterTerm=web-sh&fullTextFilterFields=metadata.name')).body)).toEqual(['Web-Shop']);
    const filtered = await get('/entity-facets?facet=spec.type&filter=kind=component');
    expect(filtered.body.facets['spec.type']).toEqual([
      { value: 'service', count: 1 },
      { value: 'website', count: 1 },
    ]);
  });

  it('keeps HTML in descriptions as plain data', async () => {
    const shop = await get('/entities/by-name/component/default/web-shop');
    expect(shop.body.metadata.description).toBe('<script>alert(1)</script> The shop');
  });

  it('refreshes on its schedule: only changed entities are rewritten, removed ones go, broken files keep theirs', async () => {
    events.length = 0;
    const before = (await get('/entities/by-name/component/default/payments')).body;
    fs.writeFileSync(
      path.join(dir, 'teams.yaml'),
      TEAM_FILE.replace('tags: [java]', 'tags: [java, kotlin]').replace(/---\napiVersion: backstage.io\/v1alpha1\nkind: API[\s\S]*$/, ''),
    );
    fs.writeFileSync(path.join(dir, 'missing-name.yaml'), 'kind: [broken');
    const deadline = Date.now() + 5000;
    while (!events.some((e) => e.startsWith('removed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(events.sort()).toEqual(['changed component:default/payments', 'removed api:default/payments-api']);
    const after = (await get('/entities/by-name/component/default/payments')).body;
    expect(after.metadata.tags).toEqual(['java', 'kotlin']);
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.metadata.etag).not.toBe(before.metadata.etag);
    // The unreadable file's entity stays as it was.
    expect((await get('/entities/by-name/resource/default/shop-db')).status).toBe(200);
  });
});

describe('hostile catalog files', () => {
  it('bounds a YAML alias bomb and refuses an oversized file, loading the rest', async () => {
    const dir = writeFiles({ 'ok.yaml': MISSING_NAME.split('---\n')[1]! });
    const t = await startTestBackend({
      features: [catalogPlugin],
      baseDir: dir,
      config: {
        catalog: {
          locations: locations([
            path.join(HOSTILE, 'billion-laughs.yaml'),
            path.join(HOSTILE, 'large-5mb.yaml'),
            path.join(HOSTILE, 'invalid-entities.yaml'),
            'ok.yaml',
          ]),
        },
      },
    });
    try {
      const problems = t.logs.problems().join('\n');
      expect(problems).toMatch(/billion-laughs\.yaml.*(alias|Alias)/);
      expect(problems).toMatch(/large-5mb\.yaml is \d+ bytes, over the 1048576 byte limit/);
      const res = await t.fetch('/api/catalog/entities/by-name/resource/default/shop-db');
      expect(res.status).toBe(200);
    } finally {
      await t.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
