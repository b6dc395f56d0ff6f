import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, testDatabases, type TestBackend } from '@callboard/test-utils';
import { catalogPlugin } from '../catalogPlugin.ts';

const postgres = (await testDatabases()).find((d) => d.name === 'postgres');

// Two backends on one PostgreSQL database, as replicas behind a load balancer.
describe.skipIf(!postgres)('catalog replicas sharing PostgreSQL', () => {
  let a: TestBackend;
  let b: TestBackend;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-replicas-'));
    fs.writeFileSync(
      path.join(dir, 'catalog.yaml'),
      ['one', 'two', 'three']
        .map((name) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`)
        .join('---\n'),
    );
    const database = postgres!.config();
    const config = { catalog: { locations: [{ type: 'file', target: path.join(dir, 'catalog.yaml') }] } };
    a = await startTestBackend({ features: [catalogPlugin], database, config });
    b = await startTestBackend({ features: [catalogPlugin], database, config });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await postgres?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("drops one replica's cached counts and facets when another replica writes", async () => {
    const body = async (t: TestBackend, url: string) => (await (await t.fetch(url)).json()) as any;
    const facets = async (t: TestBackend) => (await body(t, '/api/catalog/entity-facets?facet=spec.type')).facets['spec.type'];
    const total = async (t: TestBackend) => (await body(t, '/api/catalog/entities/by-query?limit=0')).totalItems;
    expect(await facets(a)).toEqual([{ value: 'service', count: 3 }]);
    expect(await total(a)).toBe(3);

    const two = await body(b, '/api/catalog/entities/by-name/component/default/two');
    expect((await b.fetch(`/api/catalog/entities/by-uid/${two.metadata.uid}`, { method: 'DELETE' })).status).toBe(204);

    await expect.poll(() => facets(a), { timeout: 2000, interval: 50 }).toEqual([{ value: 'service', count: 2 }]);
    expect(await total(a)).toBe(2);
  });
});
