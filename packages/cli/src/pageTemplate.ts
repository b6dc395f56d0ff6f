import docsCss from '@callboard/plugin-techdocs/docsContent.css?raw';
import type { NavItem, TocEntry } from '@callboard/plugin-techdocs/common';
import { escapeHtml } from '@callboard/plugin-techdocs/render';
import { relativeHref } from './relativeHref.ts';

/** The app's theme variables the content styles use, for a page outside the app. */
const STATIC_CSS = `
:root { --mui-palette-text-primary: #172024; --mui-palette-text-secondary: #4d5a61; --mui-palette-primary-main: #0b7a71; --mui-palette-divider: rgba(23,32,36,.12); color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --mui-palette-text-primary: #e6eef0; --mui-palette-text-secondary: #9fb0b6; --mui-palette-primary-main: #4fd1c5; --mui-palette-divider: rgba(230,238,240,.12); } :root { background: #0d1215; } }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--mui-palette-text-primary); }
.layout { display: grid; grid-template-columns: 240px minmax(0, 1fr) 220px; gap: 2rem; max-width: 1400px; margin: 0 auto; padding: 1.5rem; }
.layout nav ul { list-style: none; padding-left: 0.9rem; margin: 0; }
.layout nav > ul { padding-left: 0; }
.layout nav a { display: block; padding: 0.2rem 0; color: var(--mui-palette-text-secondary); text-decoration: none; font-size: 0.9rem; }
.layout nav a[aria-current] { color: var(--mui-palette-primary-main); font-weight: 600; }
.layout nav .section { font-weight: 600; font-size: 0.9rem; margin-top: 0.5rem; }
.side { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; }
.site-name { font-weight: 700; margin: 0 0 0.75rem; font-size: 1rem; }
.meta { color: var(--mui-palette-text-secondary); font-size: 0.85rem; display: flex; gap: 1rem; justify-content: flex-end; }
@media (max-width: 1100px) { .layout { grid-template-columns: 220px minmax(0, 1fr); } .toc { display: none; } }
@media (max-width: 700px) { .layout { grid-template-columns: minmax(0, 1fr); padding: 1rem; } .side { position: static; max-height: none; } }
`;

function navHtml(items: NavItem[], currentRoute: string): string {
  const list = items
    .map((item) => {
      if (item.type === 'section') return `<li><div class="section">${escapeHtml(item.title)}</div>${navHtml(item.children, currentRoute)}</li>`;
      if (item.type === 'link') return `<li><a href="${escapeHtml(item.url)}" rel="noopener noreferrer">${escapeHtml(item.title)} ↗</a></li>`;
      const current = item.route === currentRoute ? ' aria-current="page"' : '';
      return `<li><a href="${escapeHtml(relativeHref(currentRoute, item.route, { page: true }))}"${current}>${escapeHtml(item.title)}</a></li>`;
    })
    .join('');
  return `<ul>${list}</ul>`;
}

export interface PageTemplateInput {
  siteName: string;
  title: string;
  route: string;
  nav: NavItem[];
  toc: TocEntry[];
  html: string;
  hasMermaid: boolean;
  editUrl?: string | undefined;
  lastUpdated?: string | undefined;
  /** Extra markup before </body>, e.g. the live-reload script of `docs serve`. */
  tail?: string;
}

/** One page of a built site: navigation, the rendered (already sanitised) page, and its table of contents. */
export function pageTemplate(input: PageTemplateInput): string {
  const toc = input.toc.length
    ? `<nav aria-label="On this page"><p class="site-name">On this page</p><ul>${input.toc
        .map((e) => `<li style="margin-left:${(e.level - 2) * 0.75}rem"><a href="#${escapeHtml(e.id)}">${escapeHtml(e.title)}</a></li>`)
        .join('')}</ul></nav>`
    : '';
  const assets = relativeHref(input.route, 'assets/', { page: false });
  const mermaid = input.hasMermaid
    ? `<script src="${escapeHtml(assets)}mermaid.min.js"></script><script>mermaid.initialize({ startOnLoad: true, securityLevel: 'strict', theme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default' });</script>`
    : '';
  const meta = [
    input.lastUpdated ? `<span>Last updated ${escapeHtml(input.lastUpdated.slice(0, 10))}</span>` : '',
    input.editUrl ? `<a href="${escapeHtml(input.editUrl)}">Edit this page</a>` : '',
  ].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · ${escapeHtml(input.siteName)}</title>
<link rel="stylesheet" href="${escapeHtml(assets)}techdocs.css">
</head>
<body>
<div class="layout">
<aside class="side"><p class="site-name">${escapeHtml(input.siteName)}</p><nav aria-label="Site navigation">${navHtml(input.nav, input.route)}</nav></aside>
<main><div class="meta">${meta}</div><article class="cb-docs-content">${input.html}</article></main>
<aside class="side toc">${toc}</aside>
</div>
${mermaid}${input.tail ?? ''}
</body>
</html>
`;
}

export const SITE_CSS = `${STATIC_CSS}\n${docsCss}`;
