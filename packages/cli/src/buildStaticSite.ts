import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BuildWarning } from '@callboard/plugin-techdocs/common';
import {
  editUrlFor,
  LocalDocsSource,
  RENDERER_VERSION,
  renderPage,
  scanSite,
  type RenderedPage,
  type SiteSnapshot,
} from '@callboard/plugin-techdocs/render';
import { pageTemplate, SITE_CSS } from './pageTemplate.ts';
import { relativeHref } from './relativeHref.ts';

export interface BuildProgress {
  total: number;
  done: number;
  file: string;
}

export interface BuildResult {
  outDir: string;
  siteName: string;
  pages: number;
  /** Pages rendered this time; the rest came from the previous build's cache. */
  rendered: number;
  warnings: BuildWarning[];
}

/** Rendered pages of earlier builds, by a key of their source; `docs serve` keeps it between rebuilds. */
export type RenderCache = Map<string, RenderedPage>;

const MAX_PAGE_BYTES = 2 * 1024 * 1024;

function cacheKey(snapshot: SiteSnapshot, route: string, file: string): string {
  return createHash('sha256')
    .update([RENDERER_VERSION, route, file, snapshot.pages.get(file)?.hash ?? '', snapshot.filesHash].join('\n'))
    .digest('hex');
}

/**
 * Renders a docs folder (mkdocs.yml beside docs/) into static HTML: one
 * `<route>/index.html` per page, the docs folder's other files copied
 * beside them, and `techdocs.json` with the navigation and warnings.
 */
export async function buildStaticSite(options: {
  dir: string;
  outDir: string;
  cache?: RenderCache;
  onProgress?: (progress: BuildProgress) => void;
  /** Markup added to every page, e.g. a live-reload script. */
  tail?: string;
}): Promise<BuildResult> {
  const source = await LocalDocsSource.open(options.dir);
  const snapshot = await scanSite(source, { fallbackName: path.basename(path.resolve(options.dir)) });
  const outDir = path.resolve(options.outDir);
  const docsRoot = path.resolve(options.dir, snapshot.docsDir);
  if (outDir === docsRoot || outDir.startsWith(`${docsRoot}${path.sep}`)) {
    throw new Error(`The output folder ${outDir} is inside the docs folder ${docsRoot}; choose another (the default is ./site)`);
  }
  await fs.mkdir(path.join(outDir, 'assets'), { recursive: true });
  const inDocs = (file: string) => (snapshot.docsDir === '.' ? file : `${snapshot.docsDir}/${file}`);
  const cache = options.cache ?? new Map<string, RenderedPage>();
  const warnings: BuildWarning[] = [...snapshot.warnings];
  const entries = [...snapshot.layout.pages.entries()];
  let rendered = 0;
  let anyMermaid = false;
  const files = new Set(snapshot.files);

  for (const [index, [route, file]] of entries.entries()) {
    options.onProgress?.({ total: entries.length, done: index, file });
    const key = cacheKey(snapshot, route, file);
    let page = cache.get(key);
    if (!page) {
      const markdown = (await source.readText(inDocs(file), MAX_PAGE_BYTES * 4).catch(() => undefined)) ?? '';
      page = renderPage(markdown, {
        pagePath: file,
        files,
        pages: snapshot.layout.pages,
        pageHref: (target, hash) => `${relativeHref(route, target, { page: true })}${hash ? `#${encodeURIComponent(hash)}` : ''}`,
        assetHref: (asset) => relativeHref(route, asset, { page: false }),
        fallbackTitle: snapshot.pages.get(file)?.title ?? file,
        maxPageBytes: MAX_PAGE_BYTES,
      });
      cache.set(key, page);
      rendered++;
    }
    anyMermaid ||= page.hasMermaid;
    warnings.push(...page.warnings);
    const html = pageTemplate({
      siteName: snapshot.layout.siteName,
      title: page.title,
      route,
      nav: snapshot.layout.nav,
      toc: page.toc,
      html: page.html,
      hasMermaid: page.hasMermaid,
      editUrl: editUrlFor(snapshot, file),
      lastUpdated: snapshot.lastUpdated.get(file),
      ...(options.tail ? { tail: options.tail } : {}),
    });
    const target = path.join(outDir, route, 'index.html');
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, html);
  }
  options.onProgress?.({ total: entries.length, done: entries.length, file: '' });

  // Images and other files of the docs folder, as they are.
  for (const file of snapshot.files) {
    if (/\.(md|markdown)$/i.test(file)) continue;
    const bytes = await source.readBytes(inDocs(file), 50 * 1024 * 1024);
    if (!bytes) continue;
    const target = path.join(outDir, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, bytes);
  }
  await fs.writeFile(path.join(outDir, 'assets', 'techdocs.css'), SITE_CSS);
  if (anyMermaid) {
    const require = createRequire(import.meta.url);
    await fs.copyFile(require.resolve('mermaid/dist/mermaid.min.js'), path.join(outDir, 'assets', 'mermaid.min.js'));
  }
  await fs.writeFile(
    path.join(outDir, 'techdocs.json'),
    `${JSON.stringify({ siteName: snapshot.layout.siteName, version: snapshot.version, nav: snapshot.layout.nav, homeRoute: snapshot.layout.homeRoute, warnings }, null, 2)}\n`,
  );
  return { outDir, siteName: snapshot.layout.siteName, pages: entries.length, rendered, warnings };
}
