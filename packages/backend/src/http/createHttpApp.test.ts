import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreServices, createBackendPlugin } from '@callboard/backend-plugin-api';
import { captureLogs, startTestBackend } from '@callboard/test-utils';
import { Backend } from '../wiring/Backend.ts';

describe('serving the app', () => {
  it('serves the built app with an index.html fallback, while /api stays JSON', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Callboard</title><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log("app")');
    const t = await startTestBackend({ features: [], appDistDir: dist });
    try {
      const deepLink = await t.fetch('/catalog/default/component/web-shop');
      expect(deepLink.status).toBe(200);
      expect(deepLink.headers.get('content-type')).toContain('text/html');
      expect(await deepLink.text()).toContain('<div id="root">');

      const asset = await t.fetch('/assets/app-abc123.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');

      const missingAsset = await t.fetch('/assets/gone.js');
      expect(missingAsset.status).toBe(404);

      const api = await t.fetch('/api/catalog/entities');
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await t.stop();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('readiness', () => {
  it('answers /healthz at once but /readyz and plugin routes only after every init finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = createBackendPlugin({
      id: 'slow',
      deps: { httpRouter: coreServices.httpRouter, rootConfig: coreServices.rootConfig },
      async init({ httpRouter }) {
        httpRouter.use((_req, res) => void res.json({ ok: true }));
        await gate;
      },
    });
    const logs = captureLogs();
    const probe = createBackendPlugin({
      id: 'probe',
      deps: { lifecycle: coreServices.lifecycle },
      init: () => undefined,
    });
    const backend = Backend.create({
      config: {
        data: { backend: { listen: { host: '127.0.0.1', port: 0 }, database: { client: 'better-sqlite3', connection: ':memory:' } } },
        baseDir: process.cwd(),
        files: [],
      },
      features: [slow, probe],
      logger: logs.logger,
    });
    const starting = backend.start();
    let status: { health: number; ready: number; api: number } | undefined;
    const deadline = Date.now() + 5000;
    while (!status && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      if (!backend.isListening) continue;
      status = {
        health: (await fetch(`${backend.url}/healthz`)).status,
        ready: (await fetch(`${backend.url}/readyz`)).status,
        api: (await fetch(`${backend.url}/api/slow/x`)).status,
      };
    }
    expect(status).toEqual({ health: 200, ready: 503, api: 503 });
    // A plugin still starting is expected: a warning that says so, no error and no stack.
    const answered503 = logs.records.filter((r) => r.url === '/api/slow/x' && r.level >= 40);
    expect(answered503.length).toBeGreaterThan(0);
    for (const record of answered503) {
      expect(record.level).toBe(40);
      expect(record.reason).toBe("Plugin 'slow' is still starting");
      expect(JSON.stringify(record)).not.toMatch(/stack|\n\s+at /);
    }
    release();
    await starting;
    expect((await fetch(`${backend.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${backend.url}/api/slow/x`)).status).toBe(200);
    await backend.stop();
  });
});
