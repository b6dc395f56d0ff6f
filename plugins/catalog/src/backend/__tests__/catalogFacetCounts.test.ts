import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, testDatabases, type TestBackend } from '@callboard/test-utils';
import { catalogPlugin } from '../catalogPlugin.ts';

const databases = await testDatabases();
const EXAMPLES = path.resolve(import.meta.dirname, '../../../../../../shared/fixtures/catalog/backstage-backstage/examples');
const FACETS = ['kind', 'spec.type', 'spec.lifecycle', 'spec.owner', 'metadata.tags', 'metadata.namespace'];

function component(name: string, type: string, tags: string[]): string {
  return `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  tags: [${tags.join(', ')}]\nspec:\n  type: ${type}\n  lifecycle: Sunset-Phase\n  owner: Squad-Zeta\n`;
}

type Facets = Record<string, { value: string; count: number }[]>;

/*
 * On PostgreSQL the catalog page's facets, unfiltered or filtered by kind,
 * are summed from counts kept per location (facetCounts.ts). Every other
 * filter counts from the entities themselves. Adding `metadata.namespace`
 * (which every entity has) to the filter changes nothing in the answer but
 * takes the second path, so the two must agree after every kind of write.
 */
describe.each(databases)('kept facet counts on $name', (db) => {
  let dir: string;
  let t: TestBackend;
  const file = () => path.join(dir, 'mine.yaml');
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-facets-'));
    fs.writeFileSync(file(), [component('one', 'service', ['java', 'kafka']), component('two', 'website', ['java'])].join('---\n'));
    t = await startTestBackend({
      features: [catalogPlugin],
      database: db.config(),
      baseDir: dir,
      config: {
        catalog: {
          locations: [
            { type: 'file', target: 'mine.yaml' },
            ...['all-apis.yaml', 'all-components.yaml', 'all-systems.yaml', 'acme-corp.yaml'].map((f) => ({ type: 'file', target: path.join(EXAMPLES, f) })),
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

  const facets = async (filter?: string): Promise<Facets> => {
    const query = FACETS.map((f) => `facet=${f}`).join('&') + (filter ? `&filter=${encodeURIComponent(filter)}` : '');
    const res = await t.fetch(`/api/catalog/entity-facets?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { facets: Facets }).facets;
  };
  const refresh = async () => {
    const res = await t.fetch('/api/catalog/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: 'component:default/one' }),
    });
    expect(res.status).toBe(200);
  };
  const expectBothPathsAgree = async () => {
    const all = await facets();
    expect(all).toEqual(await facets('metadata.namespace'));
    expect(await facets('kind=component')).toEqual(await facets('kind=component,metadata.namespace'));
    expect(await facets('kind=api')).toEqual(await facets('kind=API,metadata.namespace'));
    return all;
  };
  const countOf = (all: Facets, key: string, value: string) => all[key]!.find((f) => f.value === value)?.count ?? 0;

  it('agree on a fresh load, with labels as written', async () => {
    const all = await expectBothPathsAgree();
    expect(all.kind!.length).toBeGreaterThanOrEqual(4);
    expect(countOf(all, 'spec.lifecycle', 'Sunset-Phase')).toBe(2);
    expect(countOf(all, 'spec.owner', 'Squad-Zeta')).toBe(2);
    expect(countOf(all, 'spec.type', 'website')).toBeGreaterThanOrEqual(1);
  });

  it('agree after entities change, appear, and are orphaned', async () => {
    const before = await facets();
    fs.writeFileSync(file(), [component('one', 'library', ['go']), component('three', 'service', ['java'])].join('---\n'));
    await refresh();
    const all = await expectBothPathsAgree();
    expect(countOf(all, 'spec.type', 'library')).toBe(countOf(before, 'spec.type', 'library') + 1);
    expect(countOf(all, 'metadata.tags', 'go')).toBe(countOf(before, 'metadata.tags', 'go') + 1);
    expect(countOf(all, 'metadata.tags', 'kafka')).toBe(0);
    // `two` is kept as an orphan, so it still counts; `three` is new.
    expect(countOf(all, 'spec.owner', 'Squad-Zeta')).toBe(3);
  });

  it('agree after an entity is deleted by uid', async () => {
    const two = (await (await t.fetch('/api/catalog/entities/by-name/component/default/two')).json()) as { metadata: { uid: string } };
    expect((await t.fetch(`/api/catalog/entities/by-uid/${two.metadata.uid}`, { method: 'DELETE' })).status).toBe(204);
    const all = await expectBothPathsAgree();
    expect(countOf(all, 'spec.owner', 'Squad-Zeta')).toBe(2);
  });
});
