import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '@callboard/test-utils';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { catalogPlugin } from '@callboard/plugin-catalog/backend';
import { searchPlugin } from '@callboard/plugin-search/backend';
import { searchRoutes } from '@callboard/plugin-search/common';
import { techdocsRoutes } from '../../common/techdocsRoutes.ts';
import { techdocsPlugin } from '../techdocsPlugin.ts';
import { techdocsSearchCollator } from '../techdocsSearchCollator.ts';

async function eventually<T>(fn: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('docs pages in search', () => {
  let t: TestBackend;
  let root: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-search-'));
    const files: Record<string, string> = {
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
      'mkdocs.yml': 'site_name: Shop docs\n',
      'docs/index.md': '# Shop\n\nThe shop sells umbrellas.\n',
      'docs/payments.md': '# Payments\n\n## Refunds\n\nRefunds are paid within five days.\n',
      'docs/legacy.md': '# Legacy\n\nThe old checkout, retired.\n',
    };
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), content);
    }
    t = await startTestBackend({
      features: [catalogPlugin, techdocsPlugin, searchPlugin, techdocsSearchCollator],
      config: { catalog: { locations: [{ type: 'file', target: path.join(root, 'catalog-info.yaml') }] }, techdocs: { refreshIntervalSeconds: 3600 } },
    });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('collects every page at start-up and republishes the pages that change', async () => {
    const search = createApiClient('search', searchRoutes, { baseUrl: t.url });
    const docs = createApiClient('techdocs', techdocsRoutes, { baseUrl: t.url });
    const refunds = await eventually(() => search.query({ query: { term: 'refunds' } }), (r) => r.total > 0);
    expect(refunds.results[0]).toMatchObject({
      type: 'techdocs',
      title: 'Payments · Shop docs',
      location: '/catalog/default/component/shop/docs/payments',
      entityRef: 'component:default/shop',
    });
    expect(refunds.results[0]!.snippet).toContain('Refunds are paid');

    fs.appendFileSync(path.join(root, 'docs/index.md'), '\nWe now also sell raincoats.\n');
    fs.rmSync(path.join(root, 'docs/legacy.md'));
    const refreshed = await docs.refreshSite({ params: { namespace: 'default', kind: 'component', name: 'shop' } });
    // Removing a page changes every page's links, so every remaining page is republished.
    expect(refreshed.changedPages.sort()).toEqual(['', 'payments']);
    const raincoats = await eventually(() => search.query({ query: { term: 'raincoats' } }), (r) => r.total > 0);
    expect(raincoats.results.map((r) => r.location)).toEqual(['/catalog/default/component/shop/docs']);
    const legacy = await eventually(() => search.query({ query: { term: 'retired' } }), (r) => r.total === 0);
    expect(legacy.total).toBe(0);
  });
});
