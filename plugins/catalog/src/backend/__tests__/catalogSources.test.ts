import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, startFakeGithub, startTestBackend, type FakeGithub, type GitRepoFixture, type TestBackend } from '@callboard/test-utils';
import { catalogPlugin } from '../catalogPlugin.ts';

const component = (name: string, extra = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${extra}spec:\n  type: service\n  owner: team-a\n  lifecycle: production\n`;
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

describe('url locations and GitHub discovery, against a fake GitHub', () => {
  let github: FakeGithub;
  let t: TestBackend;
  beforeAll(async () => {
    github = await startFakeGithub({
      token: 'secret-token',
      repos: {
        'acme/payments': {
          files: {
            'catalog-info.yaml': `${component('payments')}---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: payments-api\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ./api/openapi.yaml\n`,
            'api/openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Payments\n',
          },
        },
        'acme/web': { files: { 'catalog-info.yaml': component('web') } },
        'acme/no-catalog': { files: { 'README.md': '# nothing here' } },
        'acme/old': { archived: true, files: { 'catalog-info.yaml': component('old-thing') } },
        'acme/clash': { files: { 'catalog-info.yaml': component('payments') } },
      },
    });
    t = await startTestBackend({
      features: [catalogPlugin],
      config: {
        integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: 'secret-token' }] },
        catalog: { refresh: { intervalSeconds: 3600 } },
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await github?.stop();
  });
  const post = (p: string, body: unknown) =>
    t.fetch(`/api/catalog${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const blob = (repo: string, file = 'catalog-info.yaml') => `${github.url}/${repo}/blob/main/${file}`;

  it('previews a location without storing anything, then registers it and serves its entities at once', async () => {
    const preview = await json(await post('/locations?dryRun=true', { type: 'url', target: blob('acme/payments') }));
    expect(preview.status).toBe(201);
    expect(preview.body.exists).toBe(false);
    expect(preview.body.entities.map((e: any) => e.metadata.name)).toEqual(['payments', 'payments-api']);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/payments')).status).toBe(404);

    const created = await json(await post('/locations', { type: 'url', target: blob('acme/payments') }));
    expect(created.status).toBe(201);
    expect(created.body.location).toMatchObject({ type: 'url', target: blob('acme/payments') });
    expect(created.body.entities.map((e: any) => e.metadata.uid)).toHaveLength(2);
    const api = await json(await t.fetch('/api/catalog/entities/by-name/api/default/payments-api'));
    // The $text placeholder resolved inside the same repository.
    expect(api.body.spec.definition).toBe('openapi: 3.0.0\ninfo:\n  title: Payments\n');
    expect(api.body.metadata.annotations['backstage.io/managed-by-location']).toBe(`url:${blob('acme/payments')}`);
  });

  it('refuses a second registration, a clashing entity, and hosts that are not allowed', async () => {
    const again = await json(await post('/locations', { type: 'url', target: blob('acme/payments') }));
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already registered/);
    const clash = await json(await post('/locations', { type: 'url', target: blob('acme/clash') }));
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toMatch(/component:default\/payments is already in the catalog from url:.*acme\/payments/);
    const elsewhere = await json(await post('/locations', { type: 'url', target: 'https://internal.example.net/catalog-info.yaml' }));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.detail).toMatch(/not allowed/);
    const missing = await json(await post('/locations', { type: 'url', target: blob('acme/no-catalog') }));
    expect(missing.status).toBe(404);
  });

  it('analyzes a location and removes a registered one with its entities', async () => {
    const analysis = await json(await post('/analyze-location', { location: { type: 'url', target: blob('acme/web') } }));
    expect(analysis.body.existingEntityFiles).toEqual([
      expect.objectContaining({ isRegistered: false, location: { type: 'url', target: blob('acme/web') } }),
    ]);
    const created = await json(await post('/locations', { type: 'url', target: blob('acme/web') }));
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/web')).status).toBe(200);
    expect((await t.fetch(`/api/catalog/locations/${created.body.location.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/web')).status).toBe(404);
  });
});

describe('GitHub organisation discovery', () => {
  it('reads catalog-info.yaml from every live repository of the organisation', async () => {
    const github = await startFakeGithub({
      repos: {
        'acme/a': { files: { 'catalog-info.yaml': component('svc-a') } },
        'acme/b': { defaultBranch: 'trunk', files: { 'catalog-info.yaml': component('svc-b') } },
        'acme/none': { files: { 'index.js': '' } },
        'acme/archived': { archived: true, files: { 'catalog-info.yaml': component('svc-archived') } },
      },
    });
    const t = await startTestBackend({
      features: [catalogPlugin],
      config: {
        integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl }] },
        catalog: { providers: { github: [{ organization: 'acme', host: github.host }] } },
      },
    });
    try {
      const names = await json(await t.fetch('/api/catalog/entities/by-query?filter=kind=component'));
      expect(names.body.items.map((e: any) => e.metadata.name)).toEqual(['svc-a', 'svc-b']);
      const status = await json(await t.fetch('/api/catalog/locations/status'));
      expect(status.body.items).toEqual([expect.objectContaining({ type: 'github-org', source: 'provider', entityCount: 2 })]);
      expect(status.body.items[0].lastError).toBeUndefined();
    } finally {
      await t.stop();
      await github.stop();
    }
  });
});

describe('git locations', () => {
  let repo: GitRepoFixture;
  let t: TestBackend;
  let cacheDir: string;
  beforeAll(async () => {
    repo = await createGitRepo({
      'services/a/catalog-info.yaml': component('git-a'),
      'services/b/catalog-info.yaml': component('git-b'),
      'docs/other.yaml': component('not-matched'),
    });
    await repo.commit('first');
    cacheDir = fs.mkdtempSync(path.join(repo.dir, '..', 'cb-gitcache-'));
    // The mirror of a location unregistered while the server was down.
    fs.mkdirSync(path.join(cacheDir, 'mirrors', 'f'.repeat(32), '.git'), { recursive: true });
    t = await startTestBackend({
      features: [catalogPlugin],
      baseDir: cacheDir,
      config: {
        catalog: {
          locations: [{ type: 'git', target: repo.dir, glob: '**/catalog-info.yaml' }],
          gitCacheDir: 'mirrors',
          refresh: { intervalSeconds: 3600 },
        },
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await repo?.cleanup();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });
  const refresh = () =>
    t.fetch('/api/catalog/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entityRef: 'component:default/git-a' }) });
  const names = async () => (await json(await t.fetch('/api/catalog/entities/by-query?filter=kind=component'))).body.items.map((e: any) => e.metadata.name);

  it('reads the files the glob matches from a shallow mirror', async () => {
    expect(await names()).toEqual(['git-a', 'git-b']);
  });

  it('drops the mirrors no location reads after a refresh of every location, and keeps its own', async () => {
    const mirrors = fs.readdirSync(path.join(cacheDir, 'mirrors'));
    expect(mirrors).toHaveLength(1);
    expect(mirrors[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(mirrors[0]).not.toBe('f'.repeat(32));
  });

  it('skips a refresh when the commit did not move, and picks up a new commit', async () => {
    const before = (await json(await t.fetch('/api/catalog/entities/by-name/component/default/git-a'))).body.metadata.etag;
    const lastRead = async () => (await json(await t.fetch('/api/catalog/locations/status'))).body.items[0].lastReadAt;
    const readAt = await lastRead();
    await new Promise((r) => setTimeout(r, 5));
    expect((await refresh()).status).toBe(200);
    // Same commit: the location was not read again, so its last read did not move.
    expect(await lastRead()).toBe(readAt);
    repo.write({ 'services/a/catalog-info.yaml': component('git-a', '  tags: [go]\n'), 'services/c/catalog-info.yaml': component('git-c') });
    await repo.commit('second');
    await refresh();
    expect(await names()).toEqual(['git-a', 'git-b', 'git-c']);
    const after = (await json(await t.fetch('/api/catalog/entities/by-name/component/default/git-a'))).body;
    expect(after.metadata.tags).toEqual(['go']);
    expect(after.metadata.etag).not.toBe(before);
    expect(await lastRead()).not.toBe(readAt);
  });

  it('keeps its entities when the remote is unreachable, shows the error, and recovers by itself', async () => {
    const moved = `${repo.dir}-moved`;
    fs.renameSync(repo.dir, moved);
    try {
      await refresh();
      expect(await names()).toEqual(['git-a', 'git-b', 'git-c']);
      const status = await json(await t.fetch('/api/catalog/locations/status'));
      expect(status.body.items[0].lastError).toBeTruthy();
    } finally {
      fs.renameSync(moved, repo.dir);
    }
    await refresh();
    const status = await json(await t.fetch('/api/catalog/locations/status'));
    expect(status.body.items[0].lastError).toBeUndefined();
  });
});
