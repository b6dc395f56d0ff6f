import { createHash } from 'node:crypto';
import path from 'node:path/posix';
import type { BuildWarning } from '../common/docsSchemas.ts';
import { DocsSourceError, FileTooLargeError, type DocsSource } from './DocsSource.ts';
import { MkdocsConfigError, parseMkdocsYaml, type MkdocsConfig } from './parseMkdocsYaml.ts';
import { buildSiteLayout, firstHeading, isMarkdown, type SiteLayout } from './siteLayout.ts';

export interface PageSource {
  /** sha256 of the Markdown; `too-large:<bytes>` when over the read limit. */
  hash: string;
  title?: string;
}

/** What a site is right now: enough to know which pages changed, without rendering any. */
export interface SiteSnapshot {
  config: MkdocsConfig | undefined;
  /** Relative to the site root; '.' when the docs are the root itself. */
  docsDir: string;
  /** Files under the docs folder, relative to it; for a source that cannot list, the pages nav names. */
  files: string[];
  /** False for a source that cannot list: files the site links to are then assumed present. */
  listed: boolean;
  pages: Map<string, PageSource>;
  layout: SiteLayout;
  /** Changes when a file is added, removed or renamed; every page's links depend on it. */
  filesHash: string;
  /** Changes when anything in the site changes. */
  version: string;
  lastUpdated: Map<string, string>;
  warnings: BuildWarning[];
}

export interface ScanOptions {
  /** The site's name when mkdocs.yml gives none (the entity's title). */
  fallbackName: string;
  /** Files larger than this are not even read; pages between maxPageBytes and this are read and refused. */
  maxReadBytes?: number;
  /** Where to read last-updated times; skipped when false. */
  withLastUpdated?: boolean;
}

const CONFIG_NAMES = ['mkdocs.yml', 'mkdocs.yaml'];
const MAX_CONFIG_BYTES = 256 * 1024;

export class SiteConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteConfigError';
  }
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** docs_dir as written, made relative to the site root; undefined when it leaves it. */
export function normaliseDocsDir(docsDir: string): string | undefined {
  if (docsDir.includes('\0') || docsDir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(docsDir) || docsDir.startsWith('\\')) return undefined;
  const normal = path.normalize(docsDir.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  if (normal === '..' || normal.startsWith('../')) return undefined;
  return normal;
}

/**
 * Reads the config and every page's source, hashes them, and lays the site
 * out. Nothing is rendered: a page is rendered when it is first viewed.
 */
export async function scanSite(source: DocsSource, options: ScanOptions): Promise<SiteSnapshot> {
  const maxReadBytes = options.maxReadBytes ?? 16 * 1024 * 1024;
  let configText: string | undefined;
  let configName = 'mkdocs.yml';
  for (const name of CONFIG_NAMES) {
    try {
      configText = await source.readText(name, MAX_CONFIG_BYTES);
    } catch (error) {
      if (error instanceof FileTooLargeError) throw new SiteConfigError(`${name} is larger than ${MAX_CONFIG_BYTES / 1024} KB; is it really an MkDocs config?`);
      throw error;
    }
    if (configText !== undefined) {
      configName = name;
      break;
    }
  }
  let config: MkdocsConfig | undefined;
  if (configText !== undefined) {
    try {
      config = parseMkdocsYaml(configText, configName);
    } catch (error) {
      if (error instanceof MkdocsConfigError) throw new SiteConfigError(error.message);
      throw error;
    }
  }

  let docsDir: string;
  let files: string[] | undefined;
  if (config) {
    const normal = normaliseDocsDir(config.docsDir);
    if (normal === undefined) {
      throw new SiteConfigError(`docs_dir '${config.docsDir}' in ${configName} leaves the site's folder; it must be a folder beside ${configName}, such as docs`);
    }
    docsDir = normal;
    try {
      files = await source.listFiles(docsDir);
    } catch (error) {
      if (error instanceof DocsSourceError && error.kind === 'not-found') {
        throw new DocsSourceError(`The docs folder '${docsDir}' named by ${configName} (docs_dir) does not exist in ${source.description}. Create it, or set docs_dir.`, 'not-found');
      }
      throw error;
    }
  } else {
    // Without mkdocs.yml: a docs/ folder if there is one, else the folder itself.
    docsDir = 'docs';
    try {
      files = await source.listFiles('docs');
    } catch (error) {
      if (!(error instanceof DocsSourceError && error.kind === 'not-found')) throw error;
      docsDir = '.';
      files = await source.listFiles('.');
    }
  }

  const listed = files !== undefined;
  const inDocs = (file: string) => (docsDir === '.' ? file : `${docsDir}/${file}`);
  let candidates: string[];
  if (files) candidates = files.filter(isMarkdown);
  else {
    // A source that cannot list: the pages nav names, and an index.
    candidates = [...new Set(['index.md', 'README.md', ...navFiles(config?.nav ?? [])])];
  }

  const pages = new Map<string, PageSource>();
  const titles = new Map<string, string>();
  await forEachLimited(candidates, 16, async (file) => {
    try {
      const text = await source.readText(inDocs(file), maxReadBytes);
      if (text === undefined) return;
      const title = firstHeading(text);
      pages.set(file, { hash: sha256(text), ...(title ? { title } : {}) });
      if (title) titles.set(file, title);
    } catch (error) {
      if (error instanceof FileTooLargeError) pages.set(file, { hash: `too-large:${error.size}` });
      else if (!listed && error instanceof DocsSourceError && error.kind === 'not-found') return;
      else throw error;
    }
  });
  const allFiles = listed ? files! : [...pages.keys()].sort();
  const layout = buildSiteLayout({ config, files: allFiles, titles, fallbackName: options.fallbackName });
  const filesHash = sha256(allFiles.join('\n'));
  const version = sha256(
    JSON.stringify({ config: configText ?? null, docsDir, files: allFiles, pages: [...pages.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, p]) => [f, p.hash]) }),
  );
  const lastUpdated = options.withLastUpdated === false ? new Map<string, string>() : await source.lastUpdated(docsDir);
  return {
    config,
    docsDir,
    files: allFiles,
    listed,
    pages,
    layout,
    filesHash,
    version,
    lastUpdated,
    warnings: layout.warnings,
  };
}

function navFiles(nav: unknown[]): string[] {
  const out: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      if (isMarkdown(value) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) out.push(path.normalize(value.replace(/^\/+/, '')));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(nav);
  return out.filter((f) => !f.startsWith('../'));
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * "Edit this page": repo_url + edit_uri + the page's path, as MkDocs builds
 * it (edit/master/<docs_dir>/ by default on GitHub and GitLab).
 */
export function editUrlFor(snapshot: Pick<SiteSnapshot, 'config' | 'docsDir'>, file: string, fallbackBase?: string): string | undefined {
  const config = snapshot.config;
  let base: string | undefined;
  if (config?.repoUrl) {
    let editUri = config.editUri;
    if (editUri === undefined) {
      if (/^https?:\/\/(www\.)?(github|gitlab)\.com\//i.test(config.repoUrl)) editUri = `edit/master/${snapshot.docsDir === '.' ? '' : `${snapshot.docsDir}/`}`;
      else editUri = '';
    }
    if (editUri !== '') {
      base = /^[a-z][a-z0-9+.-]*:/i.test(editUri) ? editUri : `${config.repoUrl.replace(/\/+$/, '')}/${editUri.replace(/^\/+/, '')}`;
    }
  } else base = fallbackBase;
  if (!base) return undefined;
  const joined = /[/=]$/.test(base) ? `${base}${file}` : `${base}/${file}`;
  try {
    const url = new URL(joined);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
