import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coreServices, createBackendPlugin } from '@callboard/backend-plugin-api';
import type { DatabaseConfig } from '@callboard/backend';
import { startTestBackend, testDatabases } from '@callboard/test-utils';

const databases = await testDatabases();

/** Records every run, and whether two runs ever overlapped. */
function recorder() {
  const runs: { process: string; start: number; end: number }[] = [];
  let active = 0;
  let maxActive = 0;
  const plugin = (processName: string) =>
    createBackendPlugin({
      id: 'ticker',
      deps: { scheduler: coreServices.scheduler },
      async init({ scheduler }) {
        await scheduler.scheduleTask({
          id: 'tick',
          frequencyMs: 30,
          timeoutMs: 5_000,
          fn: async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            const start = Date.now();
            await new Promise((r) => setTimeout(r, 60));
            active--;
            runs.push({ process: processName, start, end: Date.now() });
          },
        });
      },
    });
  return { runs, plugin, maxActive: () => maxActive };
}

describe.each(databases)('scheduler on $name', (db) => {
  afterAll(() => db.cleanup());

  it('never runs one task in two processes sharing a database at once', async () => {
    let database: DatabaseConfig = db.config();
    let dir: string | undefined;
    if (database.client === 'better-sqlite3') {
      // Two processes share a SQLite database only through a file.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-sched-'));
      database = { client: 'better-sqlite3', connection: { directory: dir } };
    }
    const r = recorder();
    const a = await startTestBackend({ features: [r.plugin('a')], database });
    const b = await startTestBackend({ features: [r.plugin('b')], database });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await Promise.all([a.stop(), b.stop()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });

    expect(r.runs.length).toBeGreaterThan(4);
    expect(r.maxActive()).toBe(1);
    const sorted = [...r.runs].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
  });

  it('runs a triggered task without waiting for its period', async () => {
    let runs = 0;
    const plugin = createBackendPlugin({
      id: 'lazy',
      deps: { scheduler: coreServices.scheduler, httpRouter: coreServices.httpRouter },
      async init({ scheduler, httpRouter }) {
        await scheduler.scheduleTask({
          id: 'rare',
          frequencyMs: 3_600_000,
          timeoutMs: 1_000,
          initialDelayMs: 3_600_000,
          fn: async () => void runs++,
        });
        httpRouter.use(async (_req, res) => {
          await scheduler.triggerTask('rare');
          res.json({ ok: true });
        });
      },
    });
    const t = await startTestBackend({ features: [plugin], database: db.config() });
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(runs).toBe(0);
      await t.fetch('/api/lazy/go');
      const deadline = Date.now() + 3000;
      while (runs === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(runs).toBe(1);
    } finally {
      await t.stop();
    }
  });
});
