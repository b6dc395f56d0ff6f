import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, startTestBackend, type FakeGithub, type TestBackend } from '@callboard/test-utils';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { InputError, NotAllowedError } from '@callboard/common';
import { catalogPlugin } from '@callboard/plugin-catalog/backend';
import { techdocsRoutes } from '../../common/techdocsRoutes.ts';
import { techdocsPlugin } from '../techdocsPlugin.ts';

const IMAGES = path.resolve(import.meta.dirname, '../../testing/images');
const PNG = fs.readFileSync(path.join(IMAGES, 'diagram.png'));
const JPEG = fs.readFileSync(path.join(IMAGES, 'photo.jpg'));
const SECRET = 'not for the docs';
const MAX_ASSET_BYTES = 4096;

/** What the docs host serves, by decoded path. Only /sites/ is on the allow list. */
const WEB_FILES: Record<string, string | Buffer> = {
  '/sites/payments/mkdocs.yml': `site_name: Payments
nav:
  - Home: index.md
  - Guides:
      - Setup: guide/setup.md
      - Refunds: guide/refunds.md
  - Sneaky: '%2e%2e/%2e%2e/secret.md'
  - Outside: ../secret.md
  - Status: https://status.example.com/payments
`,
  '/sites/payments/docs/index.md':
    '# Payments\n\nStart with [setup](guide/setup.md#install).\n\n![Flow](images/diagram.png)\n\n![Team](images/photo.jpg)\n\n[Secret](../../secret.txt)\n',
  '/sites/payments/docs/guide/setup.md': '# Setup\n\n## Install\n\nRun the installer.\n',
  '/sites/payments/docs/guide/refunds.md': '# Refunds\n\nBack to [home](../index.md).\n',
  '/sites/payments/docs/images/diagram.png': PNG,
  '/sites/payments/docs/images/photo.jpg': JPEG,
  '/sites/payments/docs/images/huge.png': Buffer.concat([PNG, Buffer.alloc(MAX_ASSET_BYTES)]),
  '/sites/escape/mkdocs.yml': 'site_name: Escape\ndocs_dir: ../payments/docs\n',
  '/sites/secret.md': `# ${SECRET}\n`,
  '/sites/secret.txt': SECRET,
  '/secret.txt': SECRET,
};

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.md': 'text/markdown', '.yml': 'text/yaml' };

async function startDocsHost(): Promise<{ origin: string; host: string; requests: string[]; stop(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const raw = req.url ?? '/';
    requests.push(raw);
    let file: string | Buffer | undefined;
    try {
      file = WEB_FILES[decodeURIComponent(new URL(raw, 'http://docs').pathname)];
    } catch {
      file = undefined;
    }
    if (file === undefined) {
      res.writeHead(404).end('not here');
      return;
    }
    const body = Buffer.from(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(raw)] ?? 'application/octet-stream', 'content-length': String(body.byteLength) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

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

describe('techdocs from url: sources', () => {
  let web: Awaited<ReturnType<typeof startDocsHost>>;
  let github: FakeGithub;
  let t: TestBackend;
  let root: string;
  let client: ReturnType<typeof createApiClient<typeof techdocsRoutes>>;
  const doc = (name: string) => ({ namespace: 'default', kind: 'component', name });
  const staticBase = (name: string) => `/api/techdocs/static/default/component/${name}`;

  beforeAll(async () => {
    web = await startDocsHost();
    github = await startFakeGithub({
      repos: {
        'acme/ledger': {
          files: {
            'docs-site/mkdocs.yml': 'site_name: Ledger\nnav:\n  - Home: index.md\n',
            'docs-site/docs/index.md': '# Ledger\n\n![Diagram](img/diagram.png) ![Photo](img/photo.jpg)\n',
            'docs-site/docs/img/diagram.png': PNG,
            'docs-site/docs/img/photo.jpg': JPEG,
            'private.md': SECRET,
          },
        },
      },
    });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-url-'));
    fs.writeFileSync(
      path.join(root, 'catalog-info.yaml'),
      [
        component('payments', `url:${web.origin}/sites/payments`),
        component('escape', `url:${web.origin}/sites/escape/`),
        component('ledger', `url:${github.url}/acme/ledger/tree/main/docs-site`),
        component('elsewhere', 'url:https://docs.internal.example/sites/payments'),
      ].join('---\n'),
    );
    t = await startTestBackend({
      features: [catalogPlugin, techdocsPlugin],
      config: {
        catalog: { locations: [{ type: 'file', target: path.join(root, 'catalog-info.yaml') }] },
        techdocs: { refreshIntervalSeconds: 3600, maxAssetBytes: MAX_ASSET_BYTES },
        integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl }] },
        backend: { reading: { allow: [{ host: web.host, paths: ['/sites/'], insecure: true }] } },
      },
    });
    client = createApiClient('techdocs', techdocsRoutes, { baseUrl: t.url });
  });
  afterAll(async () => {
    await t?.stop();
    await web?.stop();
    await github?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lays the site out from the nav in mkdocs.yml, leaving out entries that point outside it', async () => {
    const site = await client.getSite({ params: doc('payments') });
    expect(site.siteName).toBe('Payments');
    expect(site.nav).toEqual([
      { type: 'page', title: 'Home', route: '', path: 'index.md' },
      {
        type: 'section',
        title: 'Guides',
        children: [
          { type: 'page', title: 'Setup', route: 'guide/setup', path: 'guide/setup.md' },
          { type: 'page', title: 'Refunds', route: 'guide/refunds', path: 'guide/refunds.md' },
        ],
      },
      { type: 'link', title: 'Status', url: 'https://status.example.com/payments' },
    ]);
    expect(site.pageCount).toBe(3);
    expect(site.warnings.map((w) => w.kind).sort()).toEqual(['missing-page', 'refused-path']);
  });

  it('renders pages with links between them and images served by the backend', async () => {
    const home = await client.getPage({ params: doc('payments'), query: { route: '' } });
    expect(home.title).toBe('Payments');
    expect(home.html).toContain('<a href="/catalog/default/component/payments/docs/guide/setup#install">setup</a>');
    expect(home.html).toContain(`src="${staticBase('payments')}/images/diagram.png"`);
    expect(home.html).toContain(`src="${staticBase('payments')}/images/photo.jpg"`);
    expect(home.html).not.toContain('secret.txt');
    expect(home.warnings).toEqual([expect.objectContaining({ kind: 'refused-path' })]);
    const refunds = await client.getPage({ params: doc('payments'), query: { route: 'guide/refunds' } });
    expect(refunds.html).toContain('<a href="/catalog/default/component/payments/docs">home</a>');
    const setup = await client.getPage({ params: doc('payments'), query: { route: 'guide/setup' } });
    expect(setup.toc.map((e) => e.id)).toEqual(['install']);
  });

  it('serves PNG and JPEG images byte for byte with their content types, within the size limit', async () => {
    for (const [file, bytes, type] of [
      ['images/diagram.png', PNG, 'image/png'],
      ['images/photo.jpg', JPEG, 'image/jpeg'],
    ] as const) {
      const response = await t.fetch(`${staticBase('payments')}/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-disposition')).toBeNull();
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes), file).toBe(true);
    }
    const huge = await t.fetch(`${staticBase('payments')}/images/huge.png`);
    expect(huge.status).toBe(400);
    expect(await huge.text()).toMatch(/too large/);
    expect((await t.fetch(`${staticBase('payments')}/images/none.png`)).status).toBe(404);
  });

  it('serves images of a GitHub tree URL source byte for byte', async () => {
    const site = await client.getSite({ params: doc('ledger') });
    expect(site.siteName).toBe('Ledger');
    const home = await client.getPage({ params: doc('ledger'), query: { route: '' } });
    expect(home.editUrl).toBe(`${github.url}/acme/ledger/edit/main/docs-site/docs/index.md`);
    for (const [file, bytes, type] of [
      ['img/diagram.png', PNG, 'image/png'],
      ['img/photo.jpg', JPEG, 'image/jpeg'],
    ] as const) {
      const response = await t.fetch(`${staticBase('ledger')}/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes), file).toBe(true);
    }
    for (const escape of ['..%2F..%2Fprivate.md', '%252e%252e/%252e%252e/private.md']) {
      const response = await t.fetch(`${staticBase('ledger')}/${escape}`);
      expect([403, 404], escape).toContain(response.status);
      expect(await response.text()).not.toContain(SECRET);
    }
  });

  it('refuses paths that leave the site, however they are spelt, without asking the host', async () => {
    for (const escape of [
      '../secret.txt',
      '..%2F..%2Fsecret.txt',
      '%2E%2E/%2E%2E/%2E%2E/secret.txt',
      // Decoded once by the router, this is a file named '%2e%2e', which a URL would read as '..'.
      '%252e%252e/%252e%252e/secret.txt',
      '%252e%252e/%252e%252e/%252e%252e/secret.txt',
    ]) {
      const response = await t.fetch(`${staticBase('payments')}/${escape}`);
      expect([403, 404], escape).toContain(response.status);
      expect(await response.text(), escape).not.toContain(SECRET);
    }
    await expect(client.getSite({ params: doc('escape') })).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && /docs_dir '\.\.\/payments\/docs' in mkdocs\.yml leaves the site's folder/.test(e.message),
    );
    // Every request the docs host saw stayed inside a site's folder.
    const outside = web.requests.filter((raw) => !/^\/sites\/(payments|escape)\//.test(new URL(raw, 'http://docs').pathname));
    expect(outside).toEqual([]);
    const contents = github.requests.map((r) => /\/contents\/([^?]*)/.exec(r.path)?.[1]).filter((p) => p !== undefined);
    expect(contents.filter((p) => !decodeURIComponent(p).startsWith('docs-site/'))).toEqual([]);
  });

  it('refuses a host that is not on the allow list, naming the fix', async () => {
    await expect(client.getSite({ params: doc('elsewhere') })).rejects.toSatisfy(
      (e: unknown) => e instanceof NotAllowedError && /backend\.reading\.allow/.test(e.message),
    );
  });
});
