import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction, tempDir } from '../../testing/runAction.ts';
import { createCatalogRegisterAction, createCatalogWriteAction } from './catalog.ts';

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function fakeCatalog(reply: (body: any) => { status: number; body: unknown }) {
  const received: { url: string; body: unknown }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(text || 'null');
      received.push({ url: req.url ?? '', body });
      const out = reply(body);
      res.writeHead(out.status, { 'content-type': out.status >= 400 ? 'application/problem+json' : 'application/json' }).end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const stored = (kind: string, name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', uid: `uid-${name}`, etag: 'e' },
  spec: {},
  relations: [],
});

describe('catalog:register', () => {
  it("registers repoContentsUrl + catalogInfoPath through the catalog's API and outputs the new entity's ref", async () => {
    const catalog = await fakeCatalog((body) => ({
      status: 201,
      body: {
        location: { id: 'loc-1', type: 'url', target: body.target },
        entities: [stored('Location', 'generated-x'), stored('Component', 'web')],
      },
    }));
    try {
      const workspacePath = tempDir();
      cleanup.push(workspacePath);
      const run = await runAction(
        createCatalogRegisterAction({ baseUrl: catalog.url }),
        { repoContentsUrl: 'https://github.com/acme/web/blob/main/', catalogInfoPath: '/catalog-info.yaml' },
        { workspacePath },
      );
      expect(catalog.received).toEqual([
        { url: '/api/catalog/locations?onConflict=refresh', body: { type: 'url', target: 'https://github.com/acme/web/blob/main/catalog-info.yaml' } },
      ]);
      expect(run.output).toEqual({ entityRef: 'component:default/web', catalogInfoUrl: 'https://github.com/acme/web/blob/main/catalog-info.yaml' });
    } finally {
      await catalog.stop();
    }
  });

  it('registers a git remote as a git location reading catalogInfoPath on the branch given', async () => {
    const catalog = await fakeCatalog((body) => ({
      status: 201,
      body: { location: { id: 'loc-2', type: 'git', target: body.target }, entities: [stored('Component', 'local-svc')] },
    }));
    try {
      const workspacePath = tempDir();
      cleanup.push(workspacePath);
      const register = createCatalogRegisterAction({ baseUrl: catalog.url });
      const run = await runAction(register, { gitRemote: '/srv/repos/team-a/local-svc.git' }, { workspacePath });
      await runAction(register, { gitRemote: 'https://github.com/acme/web.git', branch: 'develop', catalogInfoPath: '/deploy/catalog-info.yaml' }, { workspacePath });
      expect(catalog.received.map((r) => r.body)).toEqual([
        { type: 'git', target: '/srv/repos/team-a/local-svc.git', glob: 'catalog-info.yaml' },
        { type: 'git', target: 'https://github.com/acme/web.git', glob: 'deploy/catalog-info.yaml', branch: 'develop' },
      ]);
      expect(run.output).toEqual({ entityRef: 'component:default/local-svc' });
      expect(run.logs[0]).toBe('Registering catalog-info.yaml of /srv/repos/team-a/local-svc.git in the catalog');
    } finally {
      await catalog.stop();
    }
  });

  it("fails with the catalog's reason, unless the registration is optional", async () => {
    const catalog = await fakeCatalog(() => ({
      status: 400,
      body: { type: 'x', title: 'Bad request', status: 400, code: 'INPUT_ERROR', detail: "host 'evil.example' is not in backend.reading.allow" },
    }));
    try {
      const workspacePath = tempDir();
      cleanup.push(workspacePath);
      const register = createCatalogRegisterAction({ baseUrl: catalog.url });
      await expect(runAction(register, { catalogInfoUrl: 'https://evil.example/c.yaml' }, { workspacePath })).rejects.toThrow(
        "host 'evil.example' is not in backend.reading.allow",
      );
      const run = await runAction(register, { catalogInfoUrl: 'https://evil.example/c.yaml', optional: true }, { workspacePath });
      expect(run.logs.at(-1)).toMatch(/Registration failed and is optional/);
    } finally {
      await catalog.stop();
    }
  });
});

describe('catalog:write', () => {
  it('writes the entity as YAML inside the workspace only', async () => {
    const workspacePath = tempDir();
    cleanup.push(workspacePath);
    const entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'web' }, spec: { type: 'service', owner: 'team-a' } };
    await runAction(createCatalogWriteAction(), { entity }, { workspacePath });
    expect(parse(fs.readFileSync(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'))).toEqual(entity);
    await expect(runAction(createCatalogWriteAction(), { entity, filePath: '../x.yaml' }, { workspacePath })).rejects.toThrow(/leads outside/);
  });
});
