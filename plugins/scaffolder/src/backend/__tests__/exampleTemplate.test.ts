import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogPlugin } from '@callboard/plugin-catalog/backend';
import { runGitFixture, startTestBackend, type TestBackend } from '@callboard/test-utils';
import type { DryRunResponse } from '../../common/scaffolderRoutes.ts';
import type { TaskSummary } from '../../common/taskRoutes.ts';
import { scaffolderPlugin } from '../scaffolderPlugin.ts';

/*
 * The template a fresh Callboard offers (examples/org/templates/node-service),
 * run the way `npm start` runs it: from the catalog, publishing to the local
 * Git host and registering the new repository in the catalog.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');
const TEMPLATE_DIR = path.join(REPO_ROOT, 'examples/org/templates/node-service');
const GROUPS = path.join(REPO_ROOT, 'examples/org/groups.yaml');
const SYSTEMS = path.join(REPO_ROOT, 'examples/org/systems.yaml');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const post = (t: TestBackend, p: string, body: unknown) =>
  t.fetch(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const values = {
  name: 'parcel-notifier',
  description: 'Tells customers: "your parcel is near".',
  owner: 'group:default/team-parcel-tracking',
  system: 'system:default/parcel-tracking',
  tags: ['nodejs', 'notifications'],
  lifecycle: 'experimental',
  repoUrl: 'local?owner=team-parcel-tracking&repo=parcel-notifier',
};

describe('the example Node.js service template', () => {
  let root: string;
  let t: TestBackend;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-example-template-'));
    const port = await freePort();
    t = await startTestBackend({
      features: [catalogPlugin, scaffolderPlugin],
      baseDir: root,
      config: {
        backend: { listen: { host: '127.0.0.1', port }, baseUrl: `http://127.0.0.1:${port}` },
        integrations: { local: { directory: 'repos' } },
        catalog: {
          gitCacheDir: 'git',
          locations: [GROUPS, SYSTEMS, path.join(TEMPLATE_DIR, 'template.yaml')].map((target) => ({ type: 'file', target })),
        },
        scaffolder: { tasks: { pollIntervalMs: 50 } },
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('dry-runs: every skeleton file rendered, the CI workflow copied as it is', async () => {
    const template = parse(fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'));
    const files = fs
      .readdirSync(TEMPLATE_DIR, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
    const dryRun = async (given: Record<string, unknown>) => {
      const response = await post(t, '/api/scaffolder/v2/dry-run', {
        template,
        values: given,
        directoryContents: files.map((f) => ({ path: path.relative(TEMPLATE_DIR, f), base64Content: fs.readFileSync(f).toString('base64') })),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      const body = (await response.json()) as DryRunResponse;
      const out = Object.fromEntries(body.directoryContents.map((f) => [f.path, Buffer.from(f.base64Content, 'base64').toString('utf8')]));
      return { body, out };
    };
    const { body, out } = await dryRun(values);
    expect(Object.keys(out).sort()).toEqual(
      ['.github/workflows/ci.yml', 'README.md', 'catalog-info.yaml', 'docs/index.md', 'mkdocs.yml', 'package.json', 'src/index.js'].sort(),
    );
    expect(out['.github/workflows/ci.yml']).toBe(fs.readFileSync(path.join(TEMPLATE_DIR, 'skeleton/.github/workflows/ci.yml'), 'utf8'));
    expect(out['.github/workflows/ci.yml']).toContain('${{ github.sha }}');
    expect(JSON.parse(out['package.json']!)).toMatchObject({ name: 'parcel-notifier', description: values.description });
    expect(out['src/index.js']).toContain("JSON.stringify({ service: 'parcel-notifier' })");
    expect(out['src/index.js']).toContain('parcel-notifier listening on http://localhost:${port}');
    expect(out['mkdocs.yml']).toContain('site_name: parcel-notifier');
    expect(parse(out['catalog-info.yaml']!)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'parcel-notifier',
        description: values.description,
        tags: ['nodejs', 'notifications'],
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      },
      spec: { type: 'service', lifecycle: 'experimental', owner: values.owner, system: values.system },
    });
    // Only what the wizard requires: no description, system or tags in the entity.
    const minimal = await dryRun({ name: 'bare-svc', owner: 'user:default/guest', repoUrl: 'local?owner=me&repo=bare-svc' });
    expect(parse(minimal.out['catalog-info.yaml']!)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'bare-svc', annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'user:default/guest' },
    });
    expect(JSON.parse(minimal.out['package.json']!).description).toBe('bare-svc');
    const messages = body.log.map((l) => l.body.message);
    expect(messages).toContain(`Publishing parcel-notifier for ${values.owner} to ${values.repoUrl}`);
    expect(messages).toContain('Skipping step Publish: publish:git does not support dry-run');
  });

  it('runs as a task: publishes to a new bare repository on the local host and registers it in the catalog', async () => {
    const created = await post(t, '/api/scaffolder/v2/tasks', { templateRef: 'template:default/node-service', values });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    let task: TaskSummary;
    const deadline = Date.now() + 20_000;
    for (;;) {
      task = (await (await t.fetch(`/api/scaffolder/v2/tasks/${id}`)).json()) as TaskSummary;
      if (task.status !== 'open' && task.status !== 'processing') break;
      if (Date.now() > deadline) throw new Error(`task ${id} stayed ${task.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(task.status, JSON.stringify(task)).toBe('completed');

    const repo = path.join(root, 'repos', 'team-parcel-tracking', 'parcel-notifier.git');
    const tree = await runGitFixture(['--git-dir', repo, 'ls-tree', '-r', '--name-only', 'main'], repo);
    expect(tree.split('\n')).toEqual(['.github/workflows/ci.yml', 'README.md', 'catalog-info.yaml', 'docs/index.md', 'mkdocs.yml', 'package.json', 'src/index.js']);
    expect(await runGitFixture(['--git-dir', repo, 'log', '--format=%s', 'main'], repo)).toBe('Create parcel-notifier from the Node.js service template');

    const entity = (await (await t.fetch('/api/catalog/entities/by-name/component/default/parcel-notifier')).json()) as any;
    expect(entity.spec).toMatchObject({ owner: values.owner, system: values.system, lifecycle: 'experimental', type: 'service' });
    expect(entity.relations).toEqual(expect.arrayContaining([{ type: 'ownedBy', targetRef: 'group:default/team-parcel-tracking' }]));

    expect(task.output).toMatchObject({
      links: [{ title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/parcel-notifier' }],
      text: [{ title: 'Next steps', content: expect.stringContaining(`git clone ${repo}`) }],
    });

    // A second run with the same name must not touch the first repository.
    const head = await runGitFixture(['--git-dir', repo, 'rev-parse', 'main'], repo);
    const again = (await (await post(t, '/api/scaffolder/v2/tasks', { templateRef: 'template:default/node-service', values })).json()) as { id: string };
    let second: TaskSummary;
    for (;;) {
      second = (await (await t.fetch(`/api/scaffolder/v2/tasks/${again.id}`)).json()) as TaskSummary;
      if (second.status !== 'open' && second.status !== 'processing') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(second.status).toBe('failed');
    expect(JSON.stringify(second.error)).toContain(
      'a repository local?owner=team-parcel-tracking&repo=parcel-notifier already exists; choose another name',
    );
    expect(await runGitFixture(['--git-dir', repo, 'rev-parse', 'main'], repo)).toBe(head);
  });
});
