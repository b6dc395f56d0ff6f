import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStaticSite, type RenderCache } from './buildStaticSite.ts';
import { relativeHref } from './relativeHref.ts';
import { serveSite } from './serveSite.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/techdocs');
const temp: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-cli-'));
  temp.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('relativeHref', () => {
  it('links pages and files relative to the page folder', () => {
    expect(relativeHref('', 'guide/setup', { page: true })).toBe('./guide/setup/');
    expect(relativeHref('guide/setup', '', { page: true })).toBe('../../');
    expect(relativeHref('guide/setup', 'guide/usage', { page: true })).toBe('../usage/');
    expect(relativeHref('guide/setup', 'images/logo.png', { page: false })).toBe('../../images/logo.png');
    expect(relativeHref('', 'assets/', { page: false })).toBe('./assets/');
  });
});

describe('callboard docs build', () => {
  it('renders a real site into folders of static pages with working relative links and its images', async () => {
    const out = tempDir();
    const seen: number[] = [];
    const result = await buildStaticSite({ dir: path.join(FIXTURES, 'backstage-documented-component'), outDir: out, onProgress: (p) => seen.push(p.done) });
    expect(result).toMatchObject({ siteName: 'Example Documentation', pages: 4, rendered: 4, warnings: [] });
    expect(seen.at(-1)).toBe(4);
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('<a href="./sub-page/">A sub page</a>');
    expect(index).toContain('src="./images/backstage-logo-cncf.svg"');
    expect(fs.existsSync(path.join(out, 'images/backstage-logo-cncf.svg'))).toBe(true);
    const nested = fs.readFileSync(path.join(out, 'code/code-sample/index.html'), 'utf8');
    expect(nested).toContain('href="../../assets/techdocs.css"');
    expect(nested).toContain('<a href="../../extensions/">Extensions</a>');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'techdocs.json'), 'utf8')).nav).toHaveLength(4);
  });

  it('ships Mermaid only with a site that has a diagram, and reuses earlier renders', async () => {
    const out = tempDir();
    const cache: RenderCache = new Map();
    const first = await buildStaticSite({ dir: path.join(FIXTURES, 'backstage-demo'), outDir: out, cache });
    expect(fs.existsSync(path.join(out, 'assets/mermaid.min.js'))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'examples/mermaid/index.html'), 'utf8')).toContain('mermaid.min.js');
    const again = await buildStaticSite({ dir: path.join(FIXTURES, 'backstage-demo'), outDir: out, cache });
    expect(again.rendered).toBe(0);
    expect(again.pages).toBe(first.pages);
  });

  it('says what is wrong with a broken mkdocs.yml', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: [unclosed\n');
    await expect(buildStaticSite({ dir, outDir: path.join(dir, 'site') })).rejects.toThrow(/mkdocs\.yml is not valid YAML/);
  });
});

describe('callboard docs serve', () => {
  it('serves the site and rebuilds only the changed page when a file is saved', async () => {
    const dir = tempDir();
    fs.cpSync(path.join(FIXTURES, 'backstage-documented-component'), dir, { recursive: true });
    const lines: string[] = [];
    const server = await serveSite({ dir, port: 0, host: '127.0.0.1', log: (line) => lines.push(line) });
    try {
      const page = await fetch(`${server.url}sub-page/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('__callboard_reload');
      expect((await fetch(`${server.url}..%2F..%2Fetc/passwd`)).status).not.toBe(200);
      const events = await fetch(`${server.url}__callboard_reload`);
      const reader = events.body!.getReader();
      await reader.read();
      fs.appendFileSync(path.join(dir, 'docs/sub-page.md'), '\n## Saved just now\n');
      const deadline = Date.now() + 10_000;
      let text = '';
      while (!text.includes('reload') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect(text).toContain('data: reload');
      expect(await (await fetch(`${server.url}sub-page/`)).text()).toContain('id="saved-just-now"');
      expect(lines.at(-1)).toMatch(/Built 4 pages \(1 rendered\)/);
    } finally {
      await server.close();
    }
  });
});
