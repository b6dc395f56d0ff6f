import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { catalogPlugin } from '@callboard/plugin-catalog/backend';
import { runGitFixture, startTestBackend, testDatabases, type TestBackend } from '@callboard/test-utils';
import type { DatabaseConfig } from '@callboard/backend';
import { tempDir } from '../testing/runAction.ts';
import { scaffolderPlugin } from '../scaffolderPlugin.ts';
import type { TaskEvent, TaskSummary } from '../../common/taskRoutes.ts';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function template(name: string, spec: Record<string, unknown>) {
  return { apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name }, spec: { type: 'service', owner: 'group:team-a', ...spec } };
}

/** A folder with templates and one skeleton, and a bare repository to publish to. */
async function fixture() {
  const dir = tempDir({
    'skeleton/README.md': '# ${{ values.name }}\n',
    'skeleton/catalog-info.yaml': 'metadata:\n  name: ${{ values.name }}\n',
  });
  cleanup.push(dir);
  const remote = path.join(dir, 'remote.git');
  fs.mkdirSync(remote);
  await runGitFixture(['init', '--bare', '--quiet'], remote);
  const templates = [
    template('service', {
      parameters: [{ title: 'About', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z-]+$' } } }],
      steps: [
        { id: 'fetch', name: 'Fetch skeleton', action: 'fetch:template', input: { url: './skeleton', values: { name: '${{ parameters.name }}' } } },
        { id: 'log', action: 'debug:log', input: { message: 'token ${{ secrets.token }} for ${{ user.ref }} (${{ user.entity.spec.profile.displayName }})' } },
        { id: 'publish', name: 'Publish', action: 'publish:git', input: { remoteUrl: remote, defaultBranch: 'main' } },
      ],
      output: { links: [{ title: 'Repository', url: '${{ steps.publish.output.remoteUrl }}' }], commit: '${{ steps.publish.output.commitHash }}' },
    }),
    template('broken', { steps: [{ id: 'move', name: 'Move things', action: 'fs:rename', input: { files: [{ from: 'missing.txt', to: 'x.txt' }] } }] }),
    template('slow', { steps: [{ id: 'wait', name: 'Wait', action: 'debug:wait', input: { seconds: 30 } }] }),
  ];
  const guest = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'guest' }, spec: { profile: { displayName: 'Guest Person' }, memberOf: [] } };
  fs.writeFileSync(path.join(dir, 'template.yaml'), [...templates, guest].map((t) => stringify(t)).join('---\n'));
  return { dir, remote };
}

async function start(dir: string, database: DatabaseConfig, concurrency = 3): Promise<TestBackend> {
  const port = await freePort();
  return startTestBackend({
    features: [catalogPlugin, scaffolderPlugin],
    database,
    baseDir: dir,
    config: {
      backend: { listen: { host: '127.0.0.1', port }, baseUrl: `http://127.0.0.1:${port}` },
      catalog: { locations: [{ type: 'file', target: path.join(dir, 'template.yaml') }] },
      scaffolder: { git: { allowLocalRemotes: true }, tasks: { concurrency, pollIntervalMs: 50, heartbeatIntervalMs: 50, heartbeatTimeoutMs: 2000 } },
    },
  });
}

const json = (t: TestBackend, p: string, body?: unknown) =>
  t.fetch(p, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function waitFor(t: TestBackend, id: string, statuses: string[]): Promise<TaskSummary> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await json(t, `/api/scaffolder/v2/tasks/${id}`);
    if (response.status !== 200) throw new Error(`GET task ${id} answered ${response.status}: ${await response.text()}`);
    const task = (await response.json()) as TaskSummary;
    if (statuses.includes(task.status)) return task;
    if (Date.now() > deadline) throw new Error(`task ${id} stayed ${task.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads a whole server-sent event stream. */
async function readStream(t: TestBackend, p: string, headers: Record<string, string> = {}): Promise<TaskEvent[]> {
  const response = await t.fetch(p, { headers });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as TaskEvent);
}

const databases = await testDatabases();

describe.each(databases)('scaffolder tasks on $name', (db) => {
  afterAll(() => db.cleanup());

  it('runs a template from the catalog: validated values, streamed log, masked secrets, pushed repository', async () => {
    const { dir, remote } = await fixture();
    const t = await start(dir, db.config());
    try {
      const invalid = await json(t, '/api/scaffolder/v2/tasks', { templateRef: 'template:default/service', values: { name: 'Bad Name' } });
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as { detail: string }).detail).toContain('page 1 (About): name: does not match pattern');
      const unknown = await json(t, '/api/scaffolder/v2/tasks', { templateRef: 'template:default/nope', values: {} });
      expect(unknown.status).toBe(404);

      const created = await json(t, '/api/scaffolder/v2/tasks', {
        templateRef: 'template:default/service',
        values: { name: 'web-shop' },
        secrets: { token: 'very-secret-token' },
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };

      const events = await readStream(t, `/api/scaffolder/v2/tasks/${id}/eventstream`);
      const last = events.at(-1);
      expect(last?.type).toBe('completion');
      expect(events.map((e) => e.body.message)).toContain('token *** for user:default/guest (Guest Person)');
      expect(JSON.stringify(events)).not.toContain('very-secret-token');
      expect(events.filter((e) => e.body.status).map((e) => `${e.body.stepId}:${e.body.status}`)).toEqual([
        'fetch:processing',
        'fetch:completed',
        'log:processing',
        'log:completed',
        'publish:processing',
        'publish:completed',
        'undefined:completed',
      ]);

      const task = await waitFor(t, id, ['completed']);
      const head = await runGitFixture(['--git-dir', remote, 'rev-parse', 'main'], remote);
      expect(task.output).toEqual({ links: [{ title: 'Repository', url: remote }], commit: head });
      expect(await runGitFixture(['--git-dir', remote, 'show', 'main:README.md'], remote)).toBe('# web-shop');
      expect(task.spec.steps.map((s) => s.id)).toEqual(['fetch', 'log', 'publish']);

      // Resuming after an event id returns only what came later.
      const resumed = await readStream(t, `/api/scaffolder/v2/tasks/${id}/eventstream?after=${events.at(-3)?.id}`);
      expect(resumed.map((e) => e.id)).toEqual(events.slice(-2).map((e) => e.id));
      const viaHeader = await readStream(t, `/api/scaffolder/v2/tasks/${id}/eventstream`, { 'last-event-id': String(events.at(-2)?.id) });
      expect(viaHeader.map((e) => e.id)).toEqual([last?.id]);

      const schema = (await (await json(t, '/api/scaffolder/v2/templates/default/template/service/parameter-schema')).json()) as Record<string, unknown>;
      expect(schema).toEqual({
        title: 'service',
        steps: [
          {
            title: 'About',
            schema: { title: 'About', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z-]+$' } } },
          },
        ],
      });
      expect((await json(t, '/api/scaffolder/v2/templates/default/template/nope/parameter-schema')).status).toBe(404);

      const mine = (await (await json(t, '/api/scaffolder/v2/tasks?createdBy=me&status=completed')).json()) as { tasks: TaskSummary[]; totalTasks: number };
      expect(mine.totalTasks).toBe(1);
      expect(mine.tasks[0]?.id).toBe(id);
    } finally {
      await t.stop();
    }
  });

  it('stops at a failed step and says which step and why', async () => {
    const { dir } = await fixture();
    const t = await start(dir, db.config());
    try {
      const { id } = (await (await json(t, '/api/scaffolder/v2/tasks', { templateRef: 'template:broken', values: {} })).json()) as { id: string };
      const task = await waitFor(t, id, ['failed']);
      expect(task.error).toBe("Step Move things failed: fs:rename: 'missing.txt' does not exist in the workspace");
      const events = (await (await json(t, `/api/scaffolder/v2/tasks/${id}/events`)).json()) as TaskEvent[];
      expect(events.at(-2)?.body).toMatchObject({ stepId: 'move', status: 'failed' });
    } finally {
      await t.stop();
    }
  });

  it('cancels a running task', async () => {
    const { dir } = await fixture();
    const t = await start(dir, db.config());
    try {
      const { id } = (await (await json(t, '/api/scaffolder/v2/tasks', { templateRef: 'template:default/slow', values: {} })).json()) as { id: string };
      await waitFor(t, id, ['processing']);
      const cancel = await json(t, `/api/scaffolder/v2/tasks/${id}/cancel`, {});
      expect(cancel.status).toBe(200);
      const task = await waitFor(t, id, ['cancelled']);
      expect(task.error).toBe('Cancelled by request');
      const events = await readStream(t, `/api/scaffolder/v2/tasks/${id}/eventstream`);
      expect(events.at(-1)?.type).toBe('cancelled');
    } finally {
      await t.stop();
    }
  });
});

describe('the worker', () => {
  it('runs no more tasks at once than its concurrency limit, oldest first', async () => {
    const { dir } = await fixture();
    const t = await start(dir, { client: 'better-sqlite3', connection: ':memory:' }, 1);
    try {
      const create = async () =>
        ((await (await json(t, '/api/scaffolder/v2/tasks', { templateRef: 'template:default/slow', values: {} })).json()) as { id: string }).id;
      const first = await create();
      const second = await create();
      await waitFor(t, first, ['processing']);
      await new Promise((r) => setTimeout(r, 300));
      expect((await waitFor(t, second, ['open', 'processing'])).status).toBe('open');
      await json(t, `/api/scaffolder/v2/tasks/${first}/cancel`, {});
      await waitFor(t, second, ['processing']);
      await json(t, `/api/scaffolder/v2/tasks/${second}/cancel`, {});
      await waitFor(t, second, ['cancelled']);
    } finally {
      await t.stop();
    }
  });
});

describe('a backend restart during a task', () => {
  it('marks the task failed with that reason, whether the backend shut down or died', async () => {
    const { dir } = await fixture();
    const database: DatabaseConfig = { client: 'better-sqlite3', connection: { directory: path.join(dir, 'db') } };
    const first = await start(dir, database);
    const { id } = (await (await json(first, '/api/scaffolder/v2/tasks', { templateRef: 'template:default/slow', values: {} })).json()) as { id: string };
    await waitFor(first, id, ['processing']);
    await first.stop();

    const second = await start(dir, database);
    try {
      const task = await waitFor(second, id, ['failed']);
      expect(task.error).toBe('The backend shut down while this task ran; run the template again');
    } finally {
      await second.stop();
    }
  });
});
