import path from 'node:path/posix';
import sanitizeHtml from 'sanitize-html';
import type { BuildWarning } from '../common/docsSchemas.ts';
import { isMarkdown, routeOf } from './siteLayout.ts';

export interface LinkContext {
  /** The page being rendered, relative to the docs folder. */
  pagePath: string;
  /** Every file under the docs folder. */
  files: ReadonlySet<string>;
  /** Route → Markdown file, for links to a folder. */
  pages: ReadonlyMap<string, string>;
  /** Where a page is read, e.g. `/catalog/default/component/x/docs/guide/setup`. */
  pageHref(route: string, hash: string): string;
  /** Where the backend (or a built site) serves a file of the docs folder. */
  assetHref(file: string): string;
}

const ADMONITION_CLASSES = [
  'admonition',
  'admonition-title',
  'note',
  'abstract',
  'info',
  'tip',
  'success',
  'question',
  'warning',
  'failure',
  'danger',
  'bug',
  'example',
  'quote',
  'summary',
  'tldr',
  'hint',
  'important',
  'check',
  'done',
  'help',
  'faq',
  'caution',
  'attention',
  'warn',
  'fail',
  'missing',
  'error',
  'cite',
  'inline',
  'end',
];

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

type Resolved = { kind: 'keep'; url: string } | { kind: 'drop' } | { kind: 'page'; url: string } | { kind: 'asset'; url: string };

function splitUrl(url: string): { pathPart: string; suffix: string; hash: string } {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  return {
    pathPart: queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt),
    suffix: queryAt === -1 ? '' : beforeHash.slice(queryAt),
    hash,
  };
}

/**
 * Sanitises a page on an allow-list (sanitize-html): no scripts, styles,
 * frames, forms or event handlers; links only to web and mail addresses
 * or inside the site; images also from data: image URLs. Relative links
 * and images are rewritten to where the reader serves them, checked
 * against the docs folder, and refused when they climb out of it.
 */
export function sanitizeDocHtml(html: string, ctx: LinkContext): { html: string; warnings: BuildWarning[] } {
  const warnings: BuildWarning[] = [];
  const page = ctx.pagePath;
  const warn = (kind: BuildWarning['kind'], message: string) => warnings.push({ kind, message, page });

  const resolve = (raw: string, what: 'link' | 'image'): Resolved => {
    const url = raw.trim();
    if (url === '') return { kind: 'drop' };
    // Control characters and whitespace inside a scheme are how filters get fooled.
    const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
    const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
    if (scheme || compact.startsWith('//')) {
      if (scheme === 'http' || scheme === 'https' || (scheme === 'mailto' && what === 'link')) return { kind: 'keep', url };
      if (scheme === 'data' && what === 'image' && /^data:image\/(png|gif|jpe?g|webp|avif|svg\+xml)[;,]/i.test(compact)) return { kind: 'keep', url };
      warn('refused-path', `The ${what} '${url.slice(0, 80)}' uses a scheme that is not allowed; it was removed`);
      return { kind: 'drop' };
    }
    const { pathPart, hash } = splitUrl(url);
    if (pathPart === '') return hash ? { kind: 'keep', url: `#${hash}` } : { kind: 'drop' };
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      decoded = pathPart;
    }
    const joined = decoded.startsWith('/') ? path.normalize(decoded.slice(1)) : path.normalize(path.join(path.dirname(page), decoded));
    if (joined === '..' || joined.startsWith('../') || decoded.includes('\0')) {
      warn('refused-path', `The ${what} '${raw.slice(0, 120)}' leaves the docs folder; it was removed`);
      return { kind: 'drop' };
    }
    const target = joined === '.' ? '' : joined.replace(/\/+$/, '');
    if (what === 'link') {
      if (isMarkdown(target)) {
        if (!ctx.files.has(target)) warn('broken-link', `The link '${raw}' points to ${target}, which is not in the docs folder`);
        return { kind: 'page', url: ctx.pageHref(routeOf(target), hash) };
      }
      if (ctx.files.has(target)) return { kind: 'asset', url: ctx.assetHref(target) };
      // A folder link (`guide/`) reaches its index page, as MkDocs' directory URLs do.
      if (ctx.pages.has(target)) return { kind: 'page', url: ctx.pageHref(target, hash) };
      warn('broken-link', `The link '${raw}' points to ${target || 'the docs folder'}, which is not in the docs folder`);
      return { kind: 'page', url: ctx.pageHref(target, hash) };
    }
    if (!ctx.files.has(target)) {
      warn('missing-image', `The image '${raw}' (${target}) is not in the docs folder`);
      return { kind: 'drop' };
    }
    return { kind: 'asset', url: ctx.assetHref(target) };
  };

  const clean = sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
      'img',
      'details',
      'summary',
      'del',
      's',
      'ins',
      'input',
      'kbd',
      'mark',
      'sup',
      'sub',
      'figure',
      'figcaption',
    ],
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      h1: ['id'],
      h2: ['id'],
      h3: ['id'],
      h4: ['id'],
      h5: ['id'],
      h6: ['id'],
      th: ['align', 'colspan', 'rowspan'],
      td: ['align', 'colspan', 'rowspan'],
      ol: ['start'],
      details: ['open', 'class'],
      input: ['type', 'checked', 'disabled'],
      code: ['class'],
      span: ['class'],
      pre: ['class'],
      div: ['class'],
      p: ['class'],
      li: ['class'],
      ul: ['class'],
    },
    allowedClasses: {
      code: ['hljs', 'language-*'],
      span: ['hljs-*', 'language-*'],
      pre: ['mermaid'],
      div: ADMONITION_CLASSES,
      details: ADMONITION_CLASSES,
      p: ['admonition-title'],
      li: ['task-list-item'],
      ul: ['contains-task-list'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: false,
    // Only read-only task-list check boxes survive; any other input is dropped.
    exclusiveFilter: (frame) => frame.tag === 'input' && (frame.attribs['type'] ?? '').toLowerCase() !== 'checkbox',
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs['href'];
        const rest: Record<string, string> = {};
        if (attribs['title']) rest['title'] = attribs['title'];
        if (href === undefined) return { tagName, attribs: rest };
        const resolved = resolve(href, 'link');
        if (resolved.kind === 'drop') return { tagName, attribs: rest };
        if (resolved.kind === 'keep' && !resolved.url.startsWith('#')) {
          return { tagName, attribs: { ...rest, href: resolved.url, rel: 'noopener noreferrer', target: '_blank' } };
        }
        return { tagName, attribs: { ...rest, href: resolved.url } };
      },
      img: (tagName, attribs) => {
        const src = attribs['src'];
        const { src: _src, ...rest } = attribs;
        if (src === undefined) return { tagName, attribs: rest };
        const resolved = resolve(src, 'image');
        if (resolved.kind === 'drop' || resolved.kind === 'page') return { tagName, attribs: rest };
        return { tagName, attribs: { ...rest, src: resolved.url, loading: 'lazy' } };
      },
      // A task list's box stays, read-only; any other input keeps its type and is dropped by exclusiveFilter.
      input: (tagName, attribs) =>
        (attribs['type'] ?? '').toLowerCase() === 'checkbox'
          ? { tagName, attribs: { type: 'checkbox', disabled: '', ...(attribs['checked'] !== undefined ? { checked: '' } : {}) } }
          : { tagName, attribs: { type: attribs['type'] ?? 'text' } },
    },
  });
  return { html: clean, warnings };
}
