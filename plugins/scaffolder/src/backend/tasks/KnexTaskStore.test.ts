import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseManager } from '@callboard/backend';
import { testDatabases } from '@callboard/test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KnexTaskStore, type StoredTaskSpec } from './KnexTaskStore.ts';
import { removeWorkspaces } from './TaskWorker.ts';
import { scaffolderMigrations } from './scaffolderMigrations.ts';
import { TaskSecrets } from './TaskSecrets.ts';

const databases = await testDatabases();

const spec: StoredTaskSpec = {
  template: { apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 't' }, spec: { type: 'x', steps: [{ id: 'a', action: 'debug:log' }] } },
  values: { name: 'web' },
  user: { ref: 'user:default/ann' },
  templateInfo: { entityRef: 'template:default/t' },
};

describe.each(databases)('KnexTaskStore on $name', (db) => {
  const manager = DatabaseManager.fromConfig(db.config(), process.cwd());
  afterAll(async () => {
    await manager.close();
    await db.cleanup();
  });

  it('stores secrets only sealed, and drops them when the task ends', async () => {
    const knex = await manager.forPlugin('scaffolder').connect({ migrations: scaffolderMigrations });
    const store = KnexTaskStore.create(knex);
    const secrets = TaskSecrets.create();
    const id = await store.create({ templateRef: 'template:default/t', spec, createdBy: 'user:default/ann', secrets: secrets.seal({ token: 'hunter2-secret' }) });
    const raw = await knex('scaffolder_tasks').where({ id }).first();
    expect(JSON.stringify(raw)).not.toContain('hunter2-secret');
    const claimed = await store.claim();
    expect(claimed?.id).toBe(id);
    expect(secrets.open(claimed?.secrets ?? '')).toEqual({ token: 'hunter2-secret' });
    // Another process, with its own key, cannot open them.
    expect(() => TaskSecrets.create().open(claimed?.secrets ?? '')).toThrow(/cannot be opened by this process/);
    expect(await store.claim()).toBeUndefined();
    await store.finish(id, { status: 'completed', output: {} });
    expect((await knex('scaffolder_tasks').where({ id }).first()).secrets).toBeNull();
  });

  it('fails a running task whose backend stopped beating, with that reason', async () => {
    const knex = await manager.forPlugin('scaffolder').connect({ migrations: scaffolderMigrations });
    const store = KnexTaskStore.create(knex);
    const id = await store.create({ templateRef: 'template:default/t', spec, createdBy: 'user:default/ann' });
    await store.claim();
    expect(await store.failStale(60_000)).toEqual([]);
    // As if the process running it died a minute ago.
    await knex('scaffolder_tasks').where({ id }).update({ last_heartbeat_at: Date.now() - 61_000 });
    expect(await store.failStale(60_000)).toEqual([id]);
    const task = await store.get(id);
    expect(task?.status).toBe('failed');
    expect(task?.error).toBe('The backend running this task restarted or stopped (no heartbeat for 60 s); run the template again');
    const events = await store.events(id);
    expect(events.at(-1)).toMatchObject({ type: 'completion', body: { status: 'failed' } });

    // What the dead process left in the temporary folder goes; other tasks' workspaces stay.
    const left = fs.mkdtempSync(path.join(os.tmpdir(), `callboard-task-${id}-`));
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-task-00000000-0000-4000-8000-000000000000-'));
    await removeWorkspaces([id]);
    expect(fs.existsSync(left)).toBe(false);
    expect(fs.existsSync(other)).toBe(true);
    fs.rmSync(other, { recursive: true, force: true });
  });
});
