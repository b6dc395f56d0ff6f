import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, testDatabases, type TestBackend } from '@callboard/test-utils';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { InputError, NotAllowedError, NotFoundError } from '@callboard/common';
import { catalogPlugin } from '@callboard/plugin-catalog/backend';
import { techdocsRoutes } from '../../common/techdocsRoutes.ts';
import { techdocsPlugin } from '../techdocsPlugin.ts';
import { activeContent } from '../../testing/activeContent.ts';

const databases = await testDatabases();
const FIXTURES = path.resolve(import.meta.dirname, '../../../../../../shared/fixtures');

function component(name: string, ref?: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${ref ? `  annotations:\n    backstage.io/techdocs-ref: '${ref}'\n` : ''}spec:
  type: service
  lifecycle: production
  owner: team-a
`;
}

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function makeOrg(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-plugin-'));
  write(root, {
    'catalog-info.yaml': [
      component('documented', 'dir:./docs-site'),
      component('missing-folder', 'dir:./nowhere'),
      component('broken-config', 'dir:./broken'),
      component('escaping', 'dir:../..'),
      component('etc-dir', 'dir:./etc-dir'),
      component('big-page', 'dir:./big'),
      component('plain'),
    ].join('---\n'),
    'docs-site/mkdocs.yml': `site_name: Documented
repo_url: https://github.com/acme/documented
edit_uri: edit/main/docs-site/docs/
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
nav:
  - Home: index.md
  - Guide:
      - Setup: guide/setup.md
      - Deep:
          - Usage: guide/usage.md
  - Gone: guide/gone.md
  - Source: https://github.com/acme/documented
`,
    'docs-site/docs/index.md': '# Welcome\n\nSee [setup](guide/setup.md#install) and ![logo](images/logo.png).\n\n## First\n\n## Second\n',
    'docs-site/docs/guide/setup.md': '# Setup\n\n## Install\n\n```bash\nnpm install\n```\n\n[Missing](missing.md)\n',
    'docs-site/docs/guide/usage.md': '# Usage\n\n```mermaid\ngraph TD; A-->B\n```\n',
    'docs-site/docs/images/logo.png': PNG,
    'docs-site/docs/images/evil.html': '<script>alert(1)</script>',
    'broken/mkdocs.yml': 'site_name: Broken\nnav:\n  - Home: index.md\n   - bad indentation: x.md\n',
    'broken/docs/index.md': '# Broken\n',
    'etc-dir/mkdocs.yml': 'site_name: Etc\ndocs_dir: /etc\n',
    'big/mkdocs.yml': 'site_name: Big\n',
    'big/docs/index.md': `# Big\n\n${'A line of a very long page.\n'.repeat(200_000)}`,
    'secret.txt': 'not for the docs',
  });
  fs.cpSync(path.join(FIXTURES, 'hostile/authored/techdocs-xss'), path.join(root, 'xss'), { recursive: true });
  return root;
}

describe.each(databases)('techdocs plugin on $name', (db) => {
  let t: TestBackend;
  let root: string;
  let client: ReturnType<typeof createApiClient<typeof techdocsRoutes>>;
  const doc = (name: string) => ({ namespace: 'default', kind: 'component', name });

  beforeAll(async () => {
    root = makeOrg();
    t = await startTestBackend({
      features: [catalogPlugin, techdocsPlugin],
      database: db.config(),
      config: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(root, 'catalog-info.yaml') },
            { type: 'file', target: path.join(root, 'xss/catalog-info.yaml') },
          ],
        },
        techdocs: { refreshIntervalSeconds: 3600 },
      },
    });
    client = createApiClient('techdocs', techdocsRoutes, { baseUrl: t.url });
  });
  afterAll(async () => {
    await t?.stop();
    await db.cleanup();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves a site with its nested navigation, and warns about a nav entry pointing nowhere', async () => {
    const site = await client.getSite({ params: doc('documented') });
    expect(site.siteName).toBe('Documented');
    expect(site.nav).toEqual([
      { type: 'page', title: 'Home', route: '', path: 'index.md' },
      {
        type: 'section',
        title: 'Guide',
        children: [
          { type: 'page', title: 'Setup', route: 'guide/setup', path: 'guide/setup.md' },
          { type: 'section', title: 'Deep', children: [{ type: 'page', title: 'Usage', route: 'guide/usage', path: 'guide/usage.md' }] },
        ],
      },
      { type: 'link', title: 'Source', url: 'https://github.com/acme/documented' },
    ]);
    expect(site.warnings).toEqual([expect.objectContaining({ kind: 'missing-page', message: expect.stringContaining("'guide/gone.md'") })]);
    expect(site.pageCount).toBe(3);
  });

  it('renders pages with rewritten links, a table of contents, edit links and page warnings', async () => {
    const home = await client.getPage({ params: doc('documented'), query: { route: '' } });
    expect(home.title).toBe('Welcome');
    expect(home.html).toContain('<a href="/catalog/default/component/documented/docs/guide/setup#install">setup</a>');
    expect(home.html).toContain('src="/api/techdocs/static/default/component/documented/images/logo.png"');
    expect(home.toc.map((e) => e.id)).toEqual(['first', 'second']);
    expect(home.editUrl).toBe('https://github.com/acme/documented/edit/main/docs-site/docs/index.md');
    const setup = await client.getPage({ params: doc('documented'), query: { route: '/guide/setup/' } });
    expect(setup.html).toContain('<code class="hljs language-bash">');
    expect(setup.warnings).toEqual([expect.objectContaining({ kind: 'broken-link', page: 'guide/setup.md' })]);
    const usage = await client.getPage({ params: doc('documented'), query: { route: 'guide/usage' } });
    expect(usage.hasMermaid).toBe(true);
    await expect(client.getPage({ params: doc('documented'), query: { route: 'guide/gone' } })).rejects.toBeInstanceOf(NotFoundError);
    const all = await client.getSiteWarnings({ params: doc('documented') });
    expect(all.warnings.map((w) => w.kind).sort()).toEqual(['broken-link', 'missing-page']);
  });

  it('serves images from the docs folder only, and never as a document that can run script', async () => {
    const base = '/api/techdocs/static/default/component/documented';
    const image = await t.fetch(`${base}/images/logo.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const html = await t.fetch(`${base}/images/evil.html`);
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    for (const escape of ['../secret.txt', '..%2F..%2Fsecret.txt', '%2E%2E/%2E%2E/secret.txt', '../../catalog-info.yaml']) {
      const response = await t.fetch(`${base}/${escape}`);
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('not for the docs');
    }
  });

  it('neutralises hostile HTML in Markdown', async () => {
    const xss = doc('techdocs-xss');
    for (const route of ['', 'links']) {
      const page = await client.getPage({ params: xss, query: { route } });
      expect(activeContent(page.html)).toEqual([]);
    }
    const index = await client.getPage({ params: xss, query: { route: '' } });
    // The code block keeps its script as visible text.
    expect(index.html).toContain('&lt;/<span class="hljs-name">script</span>&gt;');
    expect(index.html).toContain('Admonition title &lt;img src=x onerror=alert(\'admonition title\')&gt;');
    const links = await client.getPage({ params: xss, query: { route: 'links' } });
    expect(links.warnings.filter((w) => w.kind === 'refused-path').length).toBeGreaterThanOrEqual(9);
  });

  it('explains bad input: no docs folder, a broken mkdocs.yml, escaping paths, no annotation', async () => {
    await expect(client.getSite({ params: doc('missing-folder') })).rejects.toSatisfy(
      (e: unknown) => e instanceof NotFoundError && /does not exist/.test(e.message),
    );
    await expect(client.getSite({ params: doc('broken-config') })).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && /mkdocs\.yml is not valid YAML \(line \d+/.test(e.message),
    );
    await expect(client.getSite({ params: doc('escaping') })).rejects.toSatisfy(
      (e: unknown) => e instanceof NotAllowedError && /leaves/.test(e.message),
    );
    await expect(client.getSite({ params: doc('etc-dir') })).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && /docs_dir '\/etc'/.test(e.message),
    );
    await expect(client.getSite({ params: doc('plain') })).rejects.toSatisfy(
      (e: unknown) => e instanceof NotFoundError && /backstage\.io\/techdocs-ref/.test(e.message),
    );
    await expect(client.getSite({ params: doc('nobody') })).rejects.toBeInstanceOf(NotFoundError);
    const raw = await t.fetch('/api/techdocs/sites/default/component/broken-config');
    expect(raw.headers.get('content-type')).toContain('application/problem+json');
    expect(await raw.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a 5 MB page with a message instead of hanging', async () => {
    const started = Date.now();
    const page = await client.getPage({ params: doc('big-page'), query: { route: '' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(page.html).toContain('This page is too large to show');
    expect(page.warnings).toEqual([expect.objectContaining({ kind: 'too-large' })]);
  });

  it('renders again only the page whose source changed', async () => {
    const params = doc('documented');
    for (const route of ['', 'guide/setup', 'guide/usage']) await client.getPage({ params, query: { route } });
    const before = (await client.getPage({ params, query: { route: 'guide/usage' } })).renderedAt;
    fs.appendFileSync(path.join(root, 'docs-site/docs/guide/setup.md'), '\n## Later\n');
    const refreshed = await client.refreshSite({ params });
    expect(refreshed.changedPages).toEqual(['guide/setup']);
    const setup = await client.getPage({ params, query: { route: 'guide/setup' } });
    expect(setup.toc.map((e) => e.id)).toContain('later');
    expect((await client.getPage({ params, query: { route: 'guide/usage' } })).renderedAt).toBe(before);
  });
});
