import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, startTestBackend, type GitRepoFixture, type TestBackend } from '@callboard/test-utils';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { NotAllowedError } from '@callboard/common';
import { catalogPlugin } from '@callboard/plugin-catalog/backend';
import { techdocsRoutes } from '../../common/techdocsRoutes.ts';
import { techdocsPlugin } from '../techdocsPlugin.ts';

const PNG = fs.readFileSync(path.resolve(import.meta.dirname, '../../testing/images/diagram.png'));

function component(name: string, ref: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/techdocs-ref: '${ref}'
spec:
  type: service
  lifecycle: production
  owner: team-a
`;
}

/*
 * A real repository registered as a `git` location: the catalog clones it
 * into its mirror folder, and `dir:` docs are read from that mirror, never
 * from the repository itself.
 */
describe('techdocs from dir: sources in a git location', () => {
  let repo: GitRepoFixture;
  let baseDir: string;
  let t: TestBackend;
  let client: ReturnType<typeof createApiClient<typeof techdocsRoutes>>;
  const doc = (name: string) => ({ namespace: 'default', kind: 'component', name });

  beforeAll(async () => {
    repo = await createGitRepo({
      'catalog-info.yaml': component('monorepo', 'dir:.'),
      'mkdocs.yml': 'site_name: Monorepo\nnav:\n  - Home: index.md\n  - Guide: guide.md\n',
      'docs/index.md': '# Monorepo\n\nRead the [guide](guide.md).\n\n![Diagram](images/diagram.png)\n',
      'docs/guide.md': '# Guide\n\n## Build\n',
      'docs/images/diagram.png': PNG,
      'services/billing/catalog-info.yaml': [
        component('billing', 'dir:./site'),
        component('billing-escape', 'dir:../../..'),
      ].join('---\n'),
      'services/billing/site/mkdocs.yml': 'site_name: Billing\n',
      'services/billing/site/docs/index.md': '# Billing\n\nSee the [API](api.md).\n',
      'services/billing/site/docs/api.md': '# Billing API\n',
    });
    await repo.commit('docs');
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-git-'));
    t = await startTestBackend({
      features: [catalogPlugin, techdocsPlugin],
      baseDir,
      config: {
        catalog: {
          locations: [{ type: 'git', target: repo.dir }],
          gitCacheDir: 'mirrors',
          refresh: { intervalSeconds: 3600 },
        },
        techdocs: { refreshIntervalSeconds: 3600 },
      },
    });
    client = createApiClient('techdocs', techdocsRoutes, { baseUrl: t.url });
  });
  afterAll(async () => {
    await t?.stop();
    await repo?.cleanup();
    fs.rmSync(baseDir, { recursive: true, force: true });
  });

  it('reads dir:. from the mirror of the repository, with its images', async () => {
    const site = await client.getSite({ params: doc('monorepo') });
    expect(site.siteName).toBe('Monorepo');
    expect(site.nav.map((n) => (n.type === 'page' ? n.route : n.type))).toEqual(['', 'guide']);
    const home = await client.getPage({ params: doc('monorepo'), query: { route: '' } });
    expect(home.html).toContain('<a href="/catalog/default/component/monorepo/docs/guide">guide</a>');
    // The mirror is a shallow clone: it cannot tell when a page last changed, and says nothing rather than guess.
    expect(home.lastUpdated).toBeUndefined();
    const image = await t.fetch('/api/techdocs/static/default/component/monorepo/images/diagram.png');
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const mirrors = fs.readdirSync(path.join(baseDir, 'mirrors'));
    expect(mirrors).toHaveLength(1);
  });

  it('reads dir:./sub relative to a catalog file deeper in the repository', async () => {
    const site = await client.getSite({ params: doc('billing') });
    expect(site.siteName).toBe('Billing');
    expect(site.pageCount).toBe(2);
    const api = await client.getPage({ params: doc('billing'), query: { route: 'api' } });
    expect(api.title).toBe('Billing API');
  });

  it('refuses a dir: that climbs out of the repository', async () => {
    await expect(client.getSite({ params: doc('billing-escape') })).rejects.toSatisfy(
      (e: unknown) => e instanceof NotAllowedError && /leaves .*mirrors/.test(e.message),
    );
  });

  it('ignores uncommitted files, and after a commit and a check renders again only the changed page', async () => {
    const params = doc('monorepo');
    const homeBefore = (await client.getPage({ params, query: { route: '' } })).renderedAt;
    await client.getPage({ params, query: { route: 'guide' } });
    // Not committed: the mirror does not have it.
    repo.write({ 'docs/guide.md': '# Guide\n\n## Build\n\n## Uncommitted\n' });
    expect((await client.refreshSite({ params })).changedPages).toEqual([]);

    repo.write({ 'docs/guide.md': '# Guide\n\n## Build\n\n## Release\n' });
    await repo.commit('release notes');
    const refreshed = await client.refreshSite({ params });
    expect(refreshed.changedPages).toEqual(['guide']);
    const guide = await client.getPage({ params, query: { route: 'guide' } });
    expect(guide.toc.map((e) => e.id)).toEqual(['build', 'release']);
    expect((await client.getPage({ params, query: { route: '' } })).renderedAt).toBe(homeBefore);
  });
});
