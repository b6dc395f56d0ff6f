import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeContent } from '../testing/activeContent.ts';
import { LocalDocsSource } from './LocalDocsSource.ts';
import { renderPage } from './renderPage.ts';
import { scanSite } from './scanSite.ts';

const SITES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/techdocs');

/**
 * What MkDocs itself reports for these sites, and nothing else: the demo's
 * download page links to a source file the fixture does not include, the
 * monorepo site's badge links to a LICENSE outside its docs folder, and One
 * Platform's pages use absolute /img/ paths to images that are not in it.
 */
const EXPECTED: Record<string, string[]> = {
  'backstage-demo': ['broken-link in examples/download.md'],
  'mkdocs-monorepo-plugin-site': ['broken-link in index.md'],
  'one-platform-system': [
    'missing-image in index.md',
    'missing-image in op-architecture.md',
    'missing-image in service-deployment-guideline.md',
    'missing-image in service-deployment-guideline.md',
    'missing-image in service-deployment-guideline.md',
  ],
};

async function buildSite(dir: string) {
  const source = await LocalDocsSource.open(dir);
  const snapshot = await scanSite(source, { fallbackName: path.basename(dir) });
  const pages = [];
  for (const [route, file] of snapshot.layout.pages) {
    const markdown = (await source.readText(snapshot.docsDir === '.' ? file : `${snapshot.docsDir}/${file}`, 1e7))!;
    pages.push({
      route,
      ...renderPage(markdown, {
        pagePath: file,
        files: new Set(snapshot.files),
        pages: snapshot.layout.pages,
        pageHref: (r, h) => `/docs/${r}${h ? `#${h}` : ''}`,
        assetHref: (f) => `/static/${f}`,
        fallbackTitle: file,
      }),
    });
  }
  return { snapshot, pages };
}

describe('the real sites under shared/fixtures/techdocs', () => {
  for (const name of fs.readdirSync(SITES).sort()) {
    it(`${name} renders with its navigation`, async () => {
      const { snapshot, pages } = await buildSite(path.join(SITES, name));
      expect(snapshot.layout.nav.length).toBeGreaterThan(0);
      expect(pages.length).toBe(snapshot.layout.pages.size);
      const warnings = [...snapshot.warnings, ...pages.flatMap((p) => p.warnings)].map((w) => `${w.kind}${w.page ? ` in ${w.page}` : ''}`);
      expect(warnings).toEqual(EXPECTED[name] ?? []);
      for (const page of pages) {
        expect(page.title.length, page.route).toBeGreaterThan(0);
        expect(activeContent(page.html), page.route).toEqual([]);
      }
    });
  }

  it('the demo site gets the navigation MkDocs makes without a nav: index first, then pages, then folders', async () => {
    const { snapshot, pages } = await buildSite(path.join(SITES, 'backstage-demo'));
    expect(snapshot.layout.siteName).toBe('Backstage Demo');
    expect(snapshot.layout.nav[0]).toEqual({ type: 'page', title: 'TechDocs', route: '', path: 'index.md' });
    const examples = snapshot.layout.nav[1];
    expect(examples).toMatchObject({ type: 'section', title: 'Examples' });
    expect(pages.find((p) => p.route === 'examples/mermaid')?.hasMermaid).toBe(true);
    // The iframe example is neutralised: iframes are not on the allow-list.
    expect(pages.find((p) => p.route === 'examples/iframe')?.html).not.toContain('<iframe');
  });

  it('the monorepo plugin site keeps its external nav link and its image', async () => {
    const { snapshot } = await buildSite(path.join(SITES, 'mkdocs-monorepo-plugin-site'));
    expect(snapshot.layout.nav.at(-1)).toEqual({ type: 'link', title: 'GitHub Source Code', url: 'https://github.com/backstage/mkdocs-monorepo-plugin' });
    expect(snapshot.files).toContain('assets/images/spotify.svg');
  });
});

describe('the from-the-wild mkdocs files', () => {
  const WILD = path.resolve(SITES, '../hostile/from-the-wild');

  it('a nav !include that leaves the root or does not exist is reported, not followed', async () => {
    for (const name of ['mkdocs-nav-include-outside-root', 'mkdocs-nav-include-not-found']) {
      const { snapshot, pages } = await buildSite(path.join(WILD, name));
      expect(snapshot.warnings.map((w) => w.kind)).toContain('unsupported');
      expect(pages.map((p) => p.route)).toEqual(['']);
    }
  });
});
