import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, testDatabases, type TestBackend } from '@callboard/test-utils';
import { catalogPlugin } from '../catalogPlugin.ts';

const postgres = (await testDatabases()).find((db) => db.name === 'postgres');

// Long enough for a worker thread (catalogPlugin's WORKER_MIN_FILE_CHARS), with
// the parts of an entity whose columns take work: tags, links, relations,
// an annotation with a backslash, a tab and non-ASCII text, a long value.
function file(description: string): string {
  const docs = Array.from({ length: 60 }, (_, i) =>
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: svc-${i}`,
      `  title: Service ${i} ✓`,
      `  description: "${description} ${i}\\t\\\\ tab and backslash"`,
      '  tags: [java, kafka]',
      '  annotations:',
      `    example.com/path: 'C:\\dir\\${i}'`,
      `    example.com/long: ${'x'.repeat(300)}`,
      '  links:',
      `    - url: https://example.com/${i}`,
      '      title: Home',
      'spec:',
      '  type: Service',
      '  lifecycle: Production',
      '  owner: Team-A',
      `  dependsOn: [component:svc-${(i + 1) % 60}, resource:db-${i}]`,
      `  providesApis: [api-${i}]`,
    ].join('\n'),
  );
  return `${docs.join('\n---\n')}\n`;
}

/*
 * On PostgreSQL a new entity's row is written from bytes prepared where the
 * entity was processed, often in a worker thread (entityRow.ts); a changed
 * entity is rewritten from its fields on the event loop. An entity changed
 * and then changed back must end with exactly the row it was first written with.
 */
describe.skipIf(!postgres)('entity rows on PostgreSQL, written new and rewritten', () => {
  let dir: string;
  let t: TestBackend;
  let knex: Knex;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-rows-'));
    fs.writeFileSync(path.join(dir, 'services.yaml'), file('First version'));
    const config = postgres!.config() as { connection: string; schemaPrefix: string };
    t = await startTestBackend({
      features: [catalogPlugin],
      database: config as never,
      baseDir: dir,
      config: { catalog: { locations: [{ type: 'file', target: 'services.yaml' }], refresh: { intervalSeconds: 3600 } } },
    });
    knex = knexFactory({ client: 'pg', connection: config.connection, searchPath: [`${config.schemaPrefix}catalog`], pool: { min: 0, max: 1 } });
  });
  afterAll(async () => {
    await knex?.destroy();
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await postgres!.cleanup();
  });

  const rows = async () => ({
    entities: await knex('entities')
      .select('entity_ref', 'uid', 'kind', 'kind_lower', 'namespace', 'name', 'name_lower', 'location_key', 'source_key', 'parent_ref', 'hash', 'search_text', 'entity_json', 'errors_json', 'search_terms', 'search_originals', 'search_hashes')
      .orderBy('entity_ref'),
    relations: await knex('relations').select('source_ref', 'type', 'target_ref', 'target_key').orderBy(['source_ref', 'type', 'target_key']),
    facets: await knex('entity_facet_counts').select('kind', 'term', 'n', 'label').orderBy(['kind', 'term']),
  });
  const refresh = async () => {
    const res = await t.fetch('/api/catalog/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: 'component:default/svc-0' }),
    });
    expect(res.status).toBe(200);
  };

  it('are the same, column for column', async () => {
    // The first refresh runs as the backend starts; its result is read through the API.
    const res = await t.fetch('/api/catalog/entities/by-query?filter=kind=component&limit=1');
    expect(((await res.json()) as { totalItems: number }).totalItems).toBe(60);
    const first = await rows();
    expect(first.entities).toHaveLength(60);
    expect(first.relations).toHaveLength(240);
    const seventh = (r: Awaited<ReturnType<typeof rows>>) => r.entities.find((e: { entity_ref: string }) => e.entity_ref === 'component:default/svc-7');
    const one = seventh(first);
    expect(JSON.parse(one.entity_json as string).metadata).toMatchObject({ uid: one.uid, description: 'First version 7\t\\ tab and backslash', annotations: { 'example.com/path': 'C:\\dir\\7' } });
    expect(one.search_terms).toContain('metadata.description=first version 7\t\\ tab and backslash');
    expect(first.facets).toContainEqual({ kind: 'component', term: 'spec.lifecycle=production', n: 60, label: 'spec.lifecycle=Production' });

    fs.writeFileSync(path.join(dir, 'services.yaml'), file('Second version'));
    await refresh();
    const second = await rows();
    expect(seventh(second).search_terms).toContain('metadata.description=second version 7\t\\ tab and backslash');

    fs.writeFileSync(path.join(dir, 'services.yaml'), file('First version'));
    await refresh();
    expect(await rows()).toEqual(first);
  });

  it('serves an entity by name alike whether its served JSON is stored or assembled on read', async () => {
    const url = '/api/catalog/entities/by-name/component/default/svc-3';
    const stored = async () => (await knex('entities').select('final_json').where('entity_ref', 'component:default/svc-3').first()).final_json as string | null;
    await expect.poll(stored, { timeout: 5000, interval: 50 }).not.toBeNull();
    const warm = await t.fetch(url);
    expect(warm.status).toBe(200);
    expect(warm.headers.get('content-type')).toContain('application/json');
    const warmEntity = (await warm.json()) as { relations: unknown[] };
    // Written but not yet rebuilt: the entity is assembled from its row and relations.
    await knex('entities').where('entity_ref', 'component:default/svc-3').update({ final_json: null });
    const cold = await t.fetch(url);
    expect(cold.status).toBe(200);
    expect(await cold.json()).toEqual(warmEntity);
    expect(warmEntity.relations).toContainEqual(expect.objectContaining({ type: 'dependsOn', targetRef: 'component:default/svc-4' }));
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/no-such-service')).status).toBe(404);
  });
});
