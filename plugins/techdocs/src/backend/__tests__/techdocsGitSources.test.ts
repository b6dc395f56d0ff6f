import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, otherFilesystemDir, runGitFixture, startTestBackend, type GitRepoFixture, type TestBackend } from '@callboard/test-utils';
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
    // The mirror is linked to the local repository with its whole history, which dates the page.
    expect(home.lastUpdated).toBeDefined();
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

const iso = (date: string | undefined) => (date === undefined ? undefined : new Date(date).toISOString());

/*
 * The catalog's mirror of a remote is depth-1, so dates come from TechDocs'
 * own bare, blobless clone of the same remote; the mirror itself must stay
 * shallow. A repository on the mirrors' own filesystem is linked in full
 * instead, so these mirrors live on another one (/dev/shm), as a remote's would.
 */
const shallowMirrors = otherFilesystemDir('techdocs-mirrors-');
afterAll(() => {
  if (shallowMirrors) fs.rmSync(shallowMirrors, { recursive: true, force: true });
});

describe.skipIf(!shallowMirrors)('last-updated dates for docs from a git location', () => {
  let repo: GitRepoFixture;
  let baseDir: string;
  let t: TestBackend;
  let client: ReturnType<typeof createApiClient<typeof techdocsRoutes>>;
  const params = { namespace: 'default', kind: 'component', name: 'dated' };
  const page = async (route: string) => client.getPage({ params, query: { route } });

  beforeAll(async () => {
    repo = await createGitRepo(
      {
        'catalog-info.yaml': component('dated', 'dir:.'),
        'mkdocs.yml': 'site_name: Dated\nnav:\n  - Home: index.md\n  - Guide: guide.md\n  - FAQ: faq/index.md\n',
        'docs/index.md': '# Dated\n',
        'docs/guide.md': '# Guide\n',
        'docs/faq/index.md': '# FAQ\n',
      },
      { date: '2024-01-01T10:00:00Z' },
    );
    repo.write({ 'docs/guide.md': '# Guide\n\nMore.\n' });
    await repo.commit('guide', { date: '2024-02-01T10:00:00Z' });
    repo.write({ 'docs/faq/index.md': '# FAQ\n\nMore.\n' });
    await repo.commit('faq', { date: '2024-03-01T10:00:00Z' });
    // The newest commit touches no page: no page may show its date.
    repo.write({ 'README.md': '# Dated\n' });
    await repo.commit('readme', { date: '2024-04-01T10:00:00Z' });
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-dates-'));
    t = await startTestBackend({
      features: [catalogPlugin, techdocsPlugin],
      baseDir,
      config: {
        catalog: { locations: [{ type: 'git', target: repo.dir }], gitCacheDir: path.join(shallowMirrors!, 'dates'), refresh: { intervalSeconds: 3600 } },
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

  it('shows each page the date of the last commit touching it, and leaves the mirror shallow', async () => {
    expect(iso((await page('')).lastUpdated)).toBe('2024-01-01T10:00:00.000Z');
    expect(iso((await page('guide')).lastUpdated)).toBe('2024-02-01T10:00:00.000Z');
    expect(iso((await page('faq')).lastUpdated)).toBe('2024-03-01T10:00:00.000Z');

    const [mirror] = fs.readdirSync(path.join(shallowMirrors!, 'dates'));
    const mirrorDir = path.join(shallowMirrors!, 'dates', mirror!);
    expect(fs.existsSync(path.join(mirrorDir, '.git', 'shallow'))).toBe(true);
    expect(await runGitFixture(['rev-list', '--count', 'HEAD'], mirrorDir)).toBe('1');
    // TechDocs' history: one bare clone per remote under the default techdocs.historyCacheDir, without file contents.
    const historyRoot = path.join(baseDir, '.callboard', 'techdocs-history');
    const [history] = fs.readdirSync(historyRoot);
    const historyDir = path.join(historyRoot, history!);
    expect(await runGitFixture(['rev-parse', '--is-bare-repository'], historyDir)).toBe('true');
    expect(await runGitFixture(['rev-list', '--count', 'HEAD'], historyDir)).toBe('4');
    const objects = await runGitFixture(['rev-list', '--objects', '--missing=print', 'HEAD'], historyDir);
    expect(objects.split('\n').filter((line) => line.startsWith('?')).length).toBeGreaterThan(0);
  });

  it('after a commit to one page and a check, moves that page\'s date and keeps the others\'', async () => {
    repo.write({ 'docs/guide.md': '# Guide\n\nEven more.\n' });
    await repo.commit('guide again', { date: '2024-05-01T10:00:00Z' });
    expect((await client.refreshSite({ params })).changedPages).toEqual(['guide']);
    expect(iso((await page('guide')).lastUpdated)).toBe('2024-05-01T10:00:00.000Z');
    expect(iso((await page('')).lastUpdated)).toBe('2024-01-01T10:00:00.000Z');
    expect(iso((await page('faq')).lastUpdated)).toBe('2024-03-01T10:00:00.000Z');
    // The history was fetched, still without file contents.
    const historyRoot = path.join(baseDir, '.callboard', 'techdocs-history');
    const historyDir = path.join(historyRoot, fs.readdirSync(historyRoot)[0]!);
    const guideBlob = await runGitFixture(['rev-parse', 'HEAD:docs/guide.md'], historyDir);
    expect(await runGitFixture(['rev-list', '--objects', '--missing=print', 'HEAD'], historyDir)).toContain(`?${guideBlob}`);
  });
});

describe.skipIf(!shallowMirrors)('docs from a git location whose history cannot be cloned', () => {
  let repo: GitRepoFixture;
  let baseDir: string;
  let t: TestBackend;

  beforeAll(async () => {
    repo = await createGitRepo({
      'catalog-info.yaml': component('orphaned', 'dir:.'),
      'docs/index.md': '# Orphaned\n',
    });
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-nohistory-'));
    t = await startTestBackend({
      features: [catalogPlugin, techdocsPlugin],
      baseDir,
      config: {
        catalog: { locations: [{ type: 'git', target: repo.dir }], gitCacheDir: path.join(shallowMirrors!, 'nohistory'), refresh: { intervalSeconds: 3600 } },
        techdocs: { refreshIntervalSeconds: 0, historyCacheDir: 'history' },
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(baseDir, { recursive: true, force: true });
  });

  it('renders pages without dates when the remote is gone, and warns once', async () => {
    // The catalog has its mirror; then the remote disappears before TechDocs first asks for history.
    expect(fs.readdirSync(path.join(shallowMirrors!, 'nohistory'))).toHaveLength(1);
    await repo.cleanup();
    const client = createApiClient('techdocs', techdocsRoutes, { baseUrl: t.url });
    const params = { namespace: 'default', kind: 'component', name: 'orphaned' };
    for (let i = 0; i < 3; i++) {
      const home = await client.getPage({ params, query: { route: '' } });
      expect(home.title).toBe('Orphaned');
      expect(home.lastUpdated).toBeUndefined();
    }
    expect(t.logs.problems().filter((msg) => msg.startsWith('No last-updated dates'))).toHaveLength(1);
    expect(fs.existsSync(path.join(baseDir, 'history')) ? fs.readdirSync(path.join(baseDir, 'history')) : []).toEqual([]);
  });
});
