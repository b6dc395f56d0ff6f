import type { BuildWarning, TocEntry } from '../common/docsSchemas.ts';
import { escapeHtml, plainText, renderMarkdown } from './renderMarkdown.ts';
import { sanitizeDocHtml, type LinkContext } from './sanitizeDocHtml.ts';

export interface RenderedPage {
  title: string;
  html: string;
  toc: TocEntry[];
  hasMermaid: boolean;
  /** Plain text of the page, for search. */
  text: string;
  warnings: BuildWarning[];
}

/** Bump when rendering changes, so every cached page is rendered again. */
export const RENDERER_VERSION = '1';

/** Pages larger than this are refused with a message rather than rendered. */
export const DEFAULT_MAX_PAGE_BYTES = 2 * 1024 * 1024;

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What a page over the size limit shows instead of its content. */
export function tooLargePage(pagePath: string, size: number, limit: number, fallbackTitle: string): RenderedPage {
  const message = `${pagePath} is ${formatMb(size)}, over the ${formatMb(limit)} limit for one page (techdocs.maxPageBytes). Split it into smaller pages.`;
  return {
    title: fallbackTitle,
    html: `<div class="admonition warning"><p class="admonition-title">This page is too large to show</p><p>${escapeHtml(message)}</p></div>`,
    toc: [],
    hasMermaid: false,
    text: '',
    warnings: [{ kind: 'too-large', message, page: pagePath }],
  };
}

export function renderPage(
  markdown: string,
  ctx: LinkContext & { fallbackTitle: string; maxPageBytes?: number },
): RenderedPage {
  const limit = ctx.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const size = Buffer.byteLength(markdown, 'utf8');
  if (size > limit) return tooLargePage(ctx.pagePath, size, limit, ctx.fallbackTitle);
  const rendered = renderMarkdown(markdown);
  const sanitized = sanitizeDocHtml(rendered.html, ctx);
  return {
    title: rendered.title || ctx.fallbackTitle,
    html: sanitized.html,
    toc: rendered.toc,
    hasMermaid: rendered.hasMermaid,
    text: plainText(sanitized.html.replace(/<\/(p|h\d|li|pre|td|th|div)>/g, ' ')),
    warnings: sanitized.warnings,
  };
}
