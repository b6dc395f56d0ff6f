import { z } from 'zod';

/** One entry of a site's navigation: a page, a link out, or a section of entries. */
export type NavItem =
  | { type: 'page'; title: string; route: string; path: string }
  | { type: 'link'; title: string; url: string }
  | { type: 'section'; title: string; children: NavItem[] };

export const navItemSchema: z.ZodType<NavItem> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('page'), title: z.string(), route: z.string(), path: z.string() }),
    z.object({ type: z.literal('link'), title: z.string(), url: z.string() }),
    z.object({ type: z.literal('section'), title: z.string(), children: z.array(navItemSchema) }),
  ]),
);

export const tocEntrySchema = z.object({ id: z.string(), title: z.string(), level: z.number().int() });
export type TocEntry = z.output<typeof tocEntrySchema>;

/** A problem MkDocs would also report (or refuse): shown in the reader's build-warnings panel. */
export const buildWarningSchema = z.object({
  kind: z.enum(['broken-link', 'missing-page', 'missing-image', 'refused-path', 'config', 'too-large', 'unsupported']),
  message: z.string(),
  /** The docs-relative file the warning belongs to; absent for site-wide ones. */
  page: z.string().optional(),
});
export type BuildWarning = z.output<typeof buildWarningSchema>;

export const siteResponseSchema = z.object({
  entityRef: z.string(),
  siteName: z.string(),
  /** Content hash of every source file and the config: changes whenever the docs do. */
  version: z.string(),
  nav: z.array(navItemSchema),
  /** Route of the first page to show. */
  homeRoute: z.string(),
  repoUrl: z.string().optional(),
  checkedAt: z.string(),
  warnings: z.array(buildWarningSchema),
  pageCount: z.number().int(),
});
export type SiteResponse = z.output<typeof siteResponseSchema>;

export const pageResponseSchema = z.object({
  route: z.string(),
  /** The Markdown file, relative to the docs folder. */
  path: z.string(),
  title: z.string(),
  /** Sanitised on the server; safe to insert. */
  html: z.string(),
  toc: z.array(tocEntrySchema),
  hasMermaid: z.boolean(),
  editUrl: z.string().optional(),
  lastUpdated: z.string().optional(),
  renderedAt: z.string(),
  siteVersion: z.string(),
  warnings: z.array(buildWarningSchema),
});
export type PageResponse = z.output<typeof pageResponseSchema>;
