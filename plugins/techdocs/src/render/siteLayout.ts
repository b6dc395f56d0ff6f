import path from 'node:path/posix';
import type { BuildWarning, NavItem } from '../common/docsSchemas.ts';
import type { MkdocsConfig } from './parseMkdocsYaml.ts';

export interface SiteLayout {
  siteName: string;
  nav: NavItem[];
  /** Route → docs-relative Markdown file. */
  pages: Map<string, string>;
  homeRoute: string;
  warnings: BuildWarning[];
}

const INDEX_NAMES = ['index.md', 'README.md', 'readme.md'];

export function isMarkdown(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

/**
 * A page's address inside the site, as MkDocs' directory URLs make it:
 * `index.md` → '', `guide/setup.md` → 'guide/setup', `guide/README.md` → 'guide'.
 */
export function routeOf(file: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (INDEX_NAMES.includes(base)) return dir === '.' ? '' : dir;
  const stem = base.replace(/\.(md|markdown)$/i, '');
  return dir === '.' ? stem : `${dir}/${stem}`;
}

/** Every Markdown file with its route; an index.md beats a README.md in the same folder. */
export function pagesOf(files: readonly string[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const file of [...files].filter(isMarkdown).sort(byIndexFirst)) {
    const route = routeOf(file);
    if (!pages.has(route)) pages.set(route, file);
  }
  return pages;
}

function rank(file: string): number {
  const i = INDEX_NAMES.indexOf(path.basename(file));
  return i === -1 ? INDEX_NAMES.length : i;
}

function byIndexFirst(a: string, b: string): number {
  const da = path.dirname(a);
  const db = path.dirname(b);
  if (da !== db) return da < db ? -1 : 1;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function titleFromFile(file: string): string {
  const base = routeOf(file).split('/').pop() || 'Home';
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface LayoutInput {
  config: MkdocsConfig | undefined;
  /** Every file under the docs folder, slash-separated and relative to it. */
  files: readonly string[];
  /** The first heading of each Markdown file, where it has one. */
  titles: ReadonlyMap<string, string>;
  fallbackName: string;
}

/** The site's navigation from mkdocs.yml's nav, or from the files when there is none. */
export function buildSiteLayout(input: LayoutInput): SiteLayout {
  const pages = pagesOf(input.files);
  const fileSet = new Set(input.files);
  const warnings: BuildWarning[] = (input.config?.problems ?? []).map((message) => ({ kind: 'config' as const, message }));
  const pageTitle = (file: string) => input.titles.get(file) ?? titleFromFile(file);

  const entry = (title: string | undefined, target: unknown, where: string): NavItem | undefined => {
    if (Array.isArray(target)) {
      const children = target.map((child, i) => item(child, `${where} › ${title ?? i + 1}`)).filter((c): c is NavItem => Boolean(c));
      return { type: 'section', title: title ?? 'Section', children };
    }
    if (typeof target !== 'string' || target.trim() === '') {
      warnings.push({ kind: 'config', message: `nav entry ${where}${title ? ` '${title}'` : ''} has no page or link; it was left out` });
      return undefined;
    }
    const value = target.trim();
    if (value.startsWith('!include ')) {
      warnings.push({
        kind: 'unsupported',
        message: `nav entry ${where}${title ? ` '${title}'` : ''} includes another site (${value}); the monorepo plugin's !include is not supported and it was left out`,
      });
      return undefined;
    }
    if (URL_SCHEME.test(value) || value.startsWith('//')) {
      let url: URL | undefined;
      try {
        url = new URL(value.startsWith('//') ? `https:${value}` : value);
      } catch {
        url = undefined;
      }
      if (!url || !['http:', 'https:', 'mailto:'].includes(url.protocol)) {
        warnings.push({ kind: 'refused-path', message: `nav entry ${where} links to '${value}', which is not a web address; it was left out` });
        return undefined;
      }
      return { type: 'link', title: title ?? url.href, url: url.href };
    }
    const file = path.normalize(value.replace(/^\/+/, ''));
    if (file.startsWith('../') || file === '..') {
      warnings.push({ kind: 'refused-path', message: `nav entry ${where} points to '${value}', outside the docs folder; it was left out` });
      return undefined;
    }
    const resolved = fileSet.has(file) ? file : file.endsWith('/') || !path.extname(file) ? pages.get(file.replace(/\/+$/, '')) : undefined;
    if (!resolved || !isMarkdown(resolved)) {
      warnings.push({
        kind: 'missing-page',
        message: `nav entry ${where}${title ? ` '${title}'` : ''} points to '${value}', which is not a page in the docs folder`,
      });
      return undefined;
    }
    return { type: 'page', title: title ?? pageTitle(resolved), route: routeOf(resolved), path: resolved };
  };

  const item = (raw: unknown, where: string): NavItem | undefined => {
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      const pairs = Object.entries(raw as Record<string, unknown>);
      if (pairs.length !== 1) {
        warnings.push({ kind: 'config', message: `nav entry ${where} should have exactly one title; it was left out` });
        return undefined;
      }
      const [title, target] = pairs[0]!;
      return entry(String(title), target, where);
    }
    return entry(undefined, raw, where);
  };

  let nav: NavItem[];
  if (input.config?.nav) {
    nav = input.config.nav.map((raw, i) => item(raw, `#${i + 1}`)).filter((n): n is NavItem => Boolean(n));
  } else {
    nav = defaultNav([...pages.values()], pageTitle);
  }
  if (pages.size === 0) {
    warnings.push({ kind: 'missing-page', message: 'The docs folder has no Markdown pages. Add an index.md (or README.md).' });
  }
  const firstPage = (items: NavItem[]): string | undefined => {
    for (const n of items) {
      if (n.type === 'page') return n.route;
      if (n.type === 'section') {
        const found = firstPage(n.children);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const homeRoute = pages.has('') ? '' : (firstPage(nav) ?? pages.keys().next().value ?? '');
  return {
    siteName: input.config?.siteName ?? input.fallbackName,
    nav,
    pages,
    homeRoute,
    warnings,
  };
}

/** Without a nav: the index first, then pages, then one section per folder. */
function defaultNav(files: string[], titleOf: (file: string) => string): NavItem[] {
  interface Folder {
    files: string[];
    folders: Map<string, Folder>;
  }
  const root: Folder = { files: [], folders: new Map() };
  for (const file of files) {
    const parts = file.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { files: [], folders: new Map() };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.push(file);
  }
  const build = (folder: Folder): NavItem[] => [
    ...folder.files
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      .map((file): NavItem => ({ type: 'page', title: titleOf(file), route: routeOf(file), path: file })),
    ...[...folder.folders.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, sub]): NavItem => ({ type: 'section', title: titleFromFile(`${name}.md`), children: build(sub) })),
  ];
  return build(root);
}

/** The first `# Heading` (or Setext heading) of a Markdown text, for nav titles. */
export function firstHeading(markdown: string): string | undefined {
  const head = markdown.slice(0, 8192);
  const atx = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(head);
  const setext = /^([^\n]+)\n {0,3}(=+|-+)[ \t]*$/m.exec(head);
  const pick = atx && setext ? (atx.index < setext.index ? atx[1] : setext[1]) : (atx?.[1] ?? setext?.[1]);
  if (!pick) return undefined;
  const plain = pick
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
  return plain || undefined;
}
