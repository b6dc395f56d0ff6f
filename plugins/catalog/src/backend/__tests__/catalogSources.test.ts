import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, runGitFixture, startFakeGithub, startTestBackend, type FakeGithub, type GitRepoFixture, type TestBackend } from '@callboard/test-utils';
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

describe('git locations on the local Git host, registered through the API', () => {
  let root: string;
  let directory: string;
  let t: TestBackend;
  const bare = async (dir: string, files: Record<string, string>, branch = 'main') => {
    const work = await createGitRepo(files, { branch });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await runGitFixture(['clone', '--bare', '--quiet', work.dir, dir], root);
    await work.cleanup();
    return dir;
  };
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-localgit-'));
    directory = path.join(root, 'repos');
    t = await startTestBackend({
      features: [catalogPlugin],
      baseDir: root,
      config: { integrations: { local: { directory: 'repos' } }, catalog: { gitCacheDir: 'mirrors', refresh: { intervalSeconds: 3600 } } },
    });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const post = (body: unknown) =>
    t.fetch('/api/catalog/locations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('registers a bare repository inside integrations.local.directory, by path or file URL, and serves its entity', async () => {
    const repo = await bare(path.join(directory, 'team-a', 'local-svc.git'), { 'catalog-info.yaml': component('local-svc'), 'sub/catalog-info.yaml': component('nested') });
    const created = await json(await post({ type: 'git', target: repo, glob: 'catalog-info.yaml' }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.entities.map((e: any) => e.metadata.name)).toEqual(['local-svc']);
    const entity = await json(await t.fetch('/api/catalog/entities/by-name/component/default/local-svc'));
    expect(entity.body.spec.owner).toBe('team-a');
    // Only the glob given at registration is read.
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/nested')).status).toBe(404);

    const other = await bare(path.join(directory, 'team-a', 'other.git'), { 'catalog-info.yaml': component('other-svc') }, 'develop');
    const byUrl = await json(await post({ type: 'git', target: pathToFileURL(other).href, branch: 'develop' }));
    expect(byUrl.status).toBe(201);
    expect(byUrl.body.entities.map((e: any) => e.metadata.name)).toEqual(['other-svc']);
  });

  it('refuses local paths outside the directory, through .. or a symlink, and names the rule', async () => {
    const outsideRepo = await bare(path.join(root, 'elsewhere', 'x.git'), { 'catalog-info.yaml': component('outside') });
    fs.mkdirSync(path.join(directory, 'team-b'), { recursive: true });
    fs.symlinkSync(outsideRepo, path.join(directory, 'team-b', 'link.git'));
    for (const target of [
      outsideRepo,
      path.join(directory, '..', 'elsewhere', 'x.git'),
      `file://${directory}/../elsewhere/x.git`,
      path.join(directory, 'team-b', 'link.git'),
      '/tmp/other.git',
    ]) {
      const refused = await json(await post({ type: 'git', target }));
      expect(refused.status, target).toBe(403);
      expect(refused.body.detail, target).toMatch(/is outside integrations\.local\.directory \(.*repos\); only repositories of the local Git host/);
    }
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/outside')).status).toBe(404);

    const missing = await json(await post({ type: 'git', target: path.join(directory, 'team-b', 'nope.git') }));
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/No repository at .*nope\.git on the local Git host/);
    // File locations stay config-only, as before.
    const file = await json(await post({ type: 'file', target: path.join(directory, 'catalog-info.yaml') }));
    expect(file.status).toBe(403);
    expect(file.body.detail).toMatch(/file locations can only be configured in app-config.yaml/);
    const badGlob = await json(await post({ type: 'url', target: 'https://example.com/x.yaml', glob: '*.yaml' }));
    expect(badGlob.status).toBe(400);
  });

  it('does not follow a symlink in a registered repository to a file outside it', async () => {
    const secret = path.join(root, 'secret.yaml');
    fs.writeFileSync(secret, component('leaked'));
    const work = await createGitRepo({
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: sneaky\nspec:\n  targets: [./leak.yaml]\n',
    });
    fs.symlinkSync(secret, path.join(work.dir, 'leak.yaml'));
    await work.commit('link');
    const repo = path.join(directory, 'team-c', 'sneaky.git');
    fs.mkdirSync(path.dirname(repo), { recursive: true });
    await runGitFixture(['clone', '--bare', '--quiet', work.dir, repo], root);
    await work.cleanup();
    const created = await json(await post({ type: 'git', target: repo }));
    expect(created.status).toBe(201);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/leaked')).status).toBe(404);
    const status = await json(await t.fetch('/api/catalog/locations/status'));
    expect(status.body.items.find((l: any) => l.target === repo).lastError).toMatch(/leak\.yaml is a symlink leading outside the repository; refused/);
  });

  it('refuses every local path when integrations.local is not configured', async () => {
    const plain = await startTestBackend({ features: [catalogPlugin], baseDir: root, config: { catalog: { gitCacheDir: 'mirrors2' } } });
    try {
      const repo = path.join(directory, 'team-a', 'local-svc.git');
      const refused = await json(
        await plain.fetch('/api/catalog/locations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'git', target: repo }) }),
      );
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/only be registered when integrations.local is configured/);
    } finally {
      await plain.stop();
    }
  });
});
