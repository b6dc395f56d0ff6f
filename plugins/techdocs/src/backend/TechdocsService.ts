import { createHash } from 'node:crypto';
import path from 'node:path/posix';
import {
  InputError,
  isCallboardError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@callboard/common';
import type { LoggerService, UrlReaderService } from '@callboard/backend-plugin-api';
import { ANNOTATION_ORIGIN_LOCATION, type Entity } from '@callboard/catalog-model';
import type { BuildWarning, PageResponse, SiteResponse } from '../common/docsSchemas.ts';
import { DocsSourceError, FileTooLargeError } from '../render/DocsSource.ts';
import { renderPage, RENDERER_VERSION, tooLargePage, type RenderedPage } from '../render/renderPage.ts';
import { editUrlFor, scanSite, SiteConfigError, type SiteSnapshot } from '../render/scanSite.ts';
import { isMarkdown } from '../render/siteLayout.ts';
import type { TechdocsConfig } from './config.ts';
import type { KnexTechdocsStore } from './KnexTechdocsStore.ts';
import type { GitHistory } from './GitHistory.ts';
import { resolveDocsSource, type ResolvedSource } from './resolveDocsSource.ts';

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export interface EntityLookup {
  /** Undefined when the catalog has no such entity. */
  getEntity(name: EntityName): Promise<Entity | undefined>;
  /** Has the catalog read the entity's location again now (for a git location: fetch the remote into its mirror). */
  refreshEntity?(entityRef: string): Promise<void>;
}

/** A page as a search document: what the search plugin indexes. */
export interface DocsSearchDocument {
  title: string;
  text: string;
  headings: string[];
  /** Where the page is read in the app. */
  location: string;
  entityRef: string;
  siteName: string;
}

export interface PagesChanged {
  entityRef: string;
  /** Pages rendered again (or new) and their documents. */
  upserts: DocsSearchDocument[];
  /** Locations of pages that no longer exist. */
  removed: string[];
}

interface SiteState {
  entityRef: string;
  name: EntityName;
  sourceKey: string;
  resolved: ResolvedSource;
  snapshot: SiteSnapshot;
  checkedAt: number;
}

type StoredPageBody = RenderedPage & { route: string; path: string; renderedAt: string };

const MAX_CACHED_PAGES = 5000;

export function entityRefOf(name: EntityName): string {
  return `${name.kind}:${name.namespace}/${name.name}`.toLowerCase();
}

export function normaliseRoute(route: string): string {
  return route
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/')
    .replace(/\/index$|^index$/, '');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function serialiseSnapshot(sourceKey: string, s: SiteSnapshot): string {
  return JSON.stringify({
    sourceKey,
    ...s,
    pages: [...s.pages],
    layout: { ...s.layout, pages: [...s.layout.pages] },
    lastUpdated: [...s.lastUpdated],
  });
}

function parseSnapshot(json: string): { sourceKey: string; snapshot: SiteSnapshot } {
  const raw = JSON.parse(json);
  return {
    sourceKey: raw.sourceKey,
    snapshot: {
      ...raw,
      pages: new Map(raw.pages),
      layout: { ...raw.layout, pages: new Map(raw.layout.pages) },
      lastUpdated: new Map(raw.lastUpdated),
    },
  };
}

function sameDates(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [file, date] of a) if (b.get(file) !== date) return false;
  return true;
}

/** Maps what can go wrong with a site to the errors users see on the Docs tab. */
function toUserError(error: unknown, entityRef: string): unknown {
  if (isCallboardError(error)) return error;
  if (error instanceof SiteConfigError) return new InputError(`The docs of ${entityRef} cannot be built: ${error.message}`);
  if (error instanceof DocsSourceError) {
    switch (error.kind) {
      case 'not-found':
        return new NotFoundError(`The docs of ${entityRef} cannot be found: ${error.message}`);
      case 'refused':
        return new NotAllowedError(error.message);
      case 'invalid':
        return new InputError(`The docs of ${entityRef} cannot be built: ${error.message}`);
      case 'unavailable':
        return new ServiceUnavailableError(error.message);
    }
  }
  if (error instanceof FileTooLargeError) return new InputError(`${error.file} is too large to serve (${error.size} bytes; the limit is ${error.maxBytes})`);
  return error;
}

/**
 * Builds docs sites on demand: a scan (cheap: read and hash the sources)
 * when a site is first asked for or its last check is older than the
 * interval, and a render of each page when it is first viewed. Rendered
 * pages are kept in the database under a key made of the page's source, the
 * site's file list and the renderer, so only changed pages render again.
 */
export class TechdocsService {
  private readonly sites = new Map<string, SiteState>();
  private readonly scanning = new Map<string, Promise<SiteState>>();
  private readonly pages = new Map<string, { cacheKey: string; body: StoredPageBody }>();
  private readonly rendering = new Map<string, Promise<StoredPageBody>>();
  /** Counters for tests and the benchmark: how much work was really done. */
  readonly stats = { scans: 0, renders: 0 };

  constructor(
    private readonly options: {
      store: KnexTechdocsStore;
      catalog: EntityLookup;
      urlReader: UrlReaderService;
      config: TechdocsConfig;
      logger: LoggerService;
      onPagesChanged?: (change: PagesChanged) => Promise<void>;
      /** Last-updated dates for docs in catalog git mirrors; none without it. */
      gitHistory?: GitHistory;
      /** How long a scan waits for those dates before going on without them; 5 s when absent. */
      historyWaitMs?: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The entity's site, scanned again when its last check is older than the interval (or `force`). */
  async site(name: EntityName, options: { force?: boolean } = {}): Promise<SiteState> {
    const entityRef = entityRefOf(name);
    const known = this.sites.get(entityRef);
    const intervalMs = this.options.config.refreshIntervalSeconds * 1000;
    if (known && !options.force && this.now() - known.checkedAt < intervalMs) return known;
    let running = this.scanning.get(entityRef);
    if (!running) {
      running = this.scan(name, entityRef, known, options.force ?? false).finally(() => this.scanning.delete(entityRef));
      this.scanning.set(entityRef, running);
    }
    return running;
  }

  private async scan(name: EntityName, entityRef: string, known: SiteState | undefined, force: boolean): Promise<SiteState> {
    try {
      const entity = await this.options.catalog.getEntity(name);
      if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      const canonical: EntityName = {
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      };
      const { gitHistory, historyWaitMs } = this.options;
      const resolved = await resolveDocsSource(entity, this.options.urlReader, {
        ...(gitHistory
          ? {
              gitHistory: {
                history: gitHistory,
                waitMs: historyWaitMs ?? 5000,
                // A first history clone outlasted the scan: the next view checks again and picks the dates up.
                onLateDates: () => this.markStale(entityRef),
              },
            }
          : {}),
      });
      let previous = known && known.sourceKey === resolved.key ? known.snapshot : undefined;
      if (!known) {
        // Another replica (or this one before a restart) may have scanned it recently.
        const stored = await this.options.store.getSite(entityRef);
        if (stored) {
          const parsed = parseSnapshot(stored.snapshot);
          if (parsed.sourceKey === resolved.key) {
            previous = parsed.snapshot;
            if (!force && this.now() - stored.checkedAt < this.options.config.refreshIntervalSeconds * 1000) {
              const state = { entityRef, name: canonical, sourceKey: resolved.key, resolved, snapshot: parsed.snapshot, checkedAt: stored.checkedAt };
              this.sites.set(entityRef, state);
              return state;
            }
          }
        }
      }
      const snapshot = await scanSite(resolved.source, {
        fallbackName: entity.metadata.title ?? entity.metadata.name,
        maxReadBytes: this.options.config.maxPageBytes * 4,
      });
      this.stats.scans++;
      const checkedAt = this.now();
      const state: SiteState = { entityRef, name: canonical, sourceKey: resolved.key, resolved, snapshot, checkedAt };
      this.sites.set(entityRef, state);
      if (previous?.version === snapshot.version && sameDates(previous.lastUpdated, snapshot.lastUpdated)) {
        await this.options.store.touchSite(entityRef, checkedAt);
      } else if (previous?.version === snapshot.version) {
        // Only dates changed (a history clone finished): kept for other replicas, nothing to re-render.
        await this.options.store.putSite(entityRef, { version: snapshot.version, snapshot: serialiseSnapshot(resolved.key, snapshot), checkedAt });
      } else {
        await this.options.store.putSite(entityRef, { version: snapshot.version, snapshot: serialiseSnapshot(resolved.key, snapshot), checkedAt });
        await this.options.store.prunePages(entityRef, [...snapshot.layout.pages.keys()]);
        if (previous) this.announceChanges(state, previous);
      }
      return state;
    } catch (error) {
      throw toUserError(error, entityRef);
    }
  }

  /** Routes whose rendered page may differ between two scans of a site. */
  changedRoutes(previous: SiteSnapshot, next: SiteSnapshot): { changed: string[]; removed: string[] } {
    const changed: string[] = [];
    for (const [route, file] of next.layout.pages) {
      const before = previous.layout.pages.get(route);
      if (previous.filesHash !== next.filesHash || before !== file || previous.pages.get(file)?.hash !== next.pages.get(file)?.hash) {
        changed.push(route);
      }
    }
    const removed = [...previous.layout.pages.keys()].filter((route) => !next.layout.pages.has(route));
    return { changed, removed };
  }

  private announceChanges(state: SiteState, previous: SiteSnapshot): void {
    const publish = this.options.onPagesChanged;
    if (!publish) return;
    const { changed, removed } = this.changedRoutes(previous, state.snapshot);
    // Republishing renders the changed pages now, in the background, so search stays current.
    void (async () => {
      const upserts: DocsSearchDocument[] = [];
      for (const route of changed) {
        try {
          upserts.push(this.searchDocument(state, await this.renderedPage(state, route)));
        } catch (error) {
          this.options.logger.warn({ err: error, entityRef: state.entityRef }, `Could not render ${route} for search`);
        }
      }
      await publish({ entityRef: state.entityRef, upserts, removed: removed.map((route) => this.pageLocation(state.name, route)) });
    })().catch((error: unknown) => this.options.logger.error({ err: error }, 'Publishing changed docs pages failed'));
  }

  /** Forget the last check, so the next view (or `site`) scans again. */
  markStale(entityRef: string): boolean {
    const state = this.sites.get(entityRef.toLowerCase());
    if (!state) return false;
    state.checkedAt = 0;
    return true;
  }

  /** After a catalog event: a known site is checked now, so changed pages are republished without waiting for a view. */
  refreshInBackground(entityRef: string): void {
    const state = this.sites.get(entityRef.toLowerCase());
    if (!state) return;
    state.checkedAt = 0;
    this.site(state.name, { force: true }).catch((error: unknown) => {
      this.options.logger.warn({ entityRef }, `Checking the docs of ${entityRef} failed: ${(error as Error).message}`);
    });
  }

  async forget(entityRef: string): Promise<void> {
    const key = entityRef.toLowerCase();
    const state = this.sites.get(key);
    this.sites.delete(key);
    for (const cacheKey of [...this.pages.keys()]) if (cacheKey.startsWith(`${key}\n`)) this.pages.delete(cacheKey);
    await this.options.store.deleteSite(key);
    if (state && this.options.onPagesChanged) {
      await this.options.onPagesChanged({
        entityRef: key,
        upserts: [],
        removed: [...state.snapshot.layout.pages.keys()].map((route) => this.pageLocation(state.name, route)),
      });
    }
  }

  /** Where the reader shows a page: the entity's Docs tab. */
  pageLocation(name: EntityName, route: string): string {
    const base = `/catalog/${[name.namespace, name.kind.toLowerCase(), name.name].map(encodeURIComponent).join('/')}/docs`;
    return route ? `${base}/${route.split('/').map(encodeURIComponent).join('/')}` : base;
  }

  assetLocation(name: EntityName, file: string): string {
    return `/api/techdocs/static/${[name.namespace, name.kind, name.name].map((s) => encodeURIComponent(s.toLowerCase())).join('/')}/${file
      .split('/')
      .map(encodeURIComponent)
      .join('/')}`;
  }

  private cacheKey(state: SiteState, route: string, file: string): string {
    const snapshot = state.snapshot;
    return sha256(
      [RENDERER_VERSION, route, file, snapshot.pages.get(file)?.hash ?? '', snapshot.filesHash, String(snapshot.listed), this.pageLocation(state.name, ''), String(this.options.config.maxPageBytes)].join('\n'),
    );
  }

  private async renderedPage(state: SiteState, route: string): Promise<StoredPageBody> {
    const file = state.snapshot.layout.pages.get(route);
    if (file === undefined) throw new NotFoundError(`The docs of ${state.entityRef} have no page at '${route || '/'}'`);
    const cacheKey = this.cacheKey(state, route, file);
    const memoryKey = `${state.entityRef}\n${route}`;
    const inMemory = this.pages.get(memoryKey);
    if (inMemory?.cacheKey === cacheKey) {
      // Recently used pages move to the end; the oldest are dropped first.
      this.pages.delete(memoryKey);
      this.pages.set(memoryKey, inMemory);
      return inMemory.body;
    }
    const inflightKey = `${memoryKey}\n${cacheKey}`;
    let running = this.rendering.get(inflightKey);
    if (!running) {
      running = this.loadOrRender(state, route, file, cacheKey).finally(() => this.rendering.delete(inflightKey));
      this.rendering.set(inflightKey, running);
    }
    const body = await running;
    this.pages.set(memoryKey, { cacheKey, body });
    if (this.pages.size > MAX_CACHED_PAGES) this.pages.delete(this.pages.keys().next().value!);
    return body;
  }

  private async loadOrRender(state: SiteState, route: string, file: string, cacheKey: string): Promise<StoredPageBody> {
    const stored = await this.options.store.getPage(state.entityRef, route);
    if (stored?.cacheKey === cacheKey) return JSON.parse(stored.page) as StoredPageBody;
    const { snapshot, resolved } = state;
    const inDocs = snapshot.docsDir === '.' ? file : `${snapshot.docsDir}/${file}`;
    const maxBytes = this.options.config.maxPageBytes;
    let markdown: string | undefined;
    try {
      markdown = await resolved.source.readText(inDocs, maxBytes * 4);
    } catch (error) {
      if (!(error instanceof FileTooLargeError)) throw toUserError(error, state.entityRef);
      return this.keep(state, route, file, cacheKey, tooLargePage(file, error.size, maxBytes, file));
    }
    if (markdown === undefined) {
      // The file went away since the scan: scan again on the next view.
      state.checkedAt = 0;
      throw new NotFoundError(`The page ${file} of ${state.entityRef} no longer exists`);
    }
    const started = performance.now();
    const rendered = renderPage(markdown, { ...this.linkContext(state, file), fallbackTitle: snapshot.pages.get(file)?.title ?? file, maxPageBytes: maxBytes });
    const ms = performance.now() - started;
    if (ms > 1000) this.options.logger.warn({ entityRef: state.entityRef, file, ms: Math.round(ms) }, `Rendering ${file} took ${Math.round(ms)} ms`);
    return this.keep(state, route, file, cacheKey, rendered);
  }

  private async keep(state: SiteState, route: string, file: string, cacheKey: string, rendered: RenderedPage): Promise<StoredPageBody> {
    this.stats.renders++;
    const body: StoredPageBody = { ...rendered, route, path: file, renderedAt: new Date(this.now()).toISOString() };
    await this.options.store.putPage(state.entityRef, route, { cacheKey, page: JSON.stringify(body), renderedAt: this.now() });
    return body;
  }

  private linkContext(state: SiteState, file: string) {
    const { snapshot, name } = state;
    const files: ReadonlySet<string> = snapshot.listed
      ? new Set(snapshot.files)
      : // A URL source cannot be listed: files other than pages are assumed to exist.
        { has: (f: string) => snapshot.pages.has(f) || !isMarkdown(f) } as ReadonlySet<string>;
    return {
      pagePath: file,
      files,
      pages: snapshot.layout.pages,
      pageHref: (route: string, hash: string) => `${this.pageLocation(name, route)}${hash ? `#${encodeURIComponent(hash)}` : ''}`,
      assetHref: (asset: string) => this.assetLocation(name, asset),
    };
  }

  async siteResponse(name: EntityName): Promise<SiteResponse> {
    const state = await this.site(name);
    const { snapshot } = state;
    return {
      entityRef: state.entityRef,
      siteName: snapshot.layout.siteName,
      version: snapshot.version,
      nav: snapshot.layout.nav,
      homeRoute: snapshot.layout.homeRoute,
      ...(snapshot.config?.repoUrl && /^https?:\/\//i.test(snapshot.config.repoUrl) ? { repoUrl: snapshot.config.repoUrl } : {}),
      checkedAt: new Date(state.checkedAt).toISOString(),
      warnings: snapshot.warnings,
      pageCount: snapshot.layout.pages.size,
    };
  }

  async pageResponse(name: EntityName, route: string): Promise<PageResponse> {
    const state = await this.site(name);
    const normal = normaliseRoute(route);
    const body = await this.renderedPage(state, normal);
    const { snapshot } = state;
    const editUrl = editUrlFor(snapshot, body.path, state.resolved.editBase);
    const lastUpdated = snapshot.lastUpdated.get(body.path);
    return {
      route: body.route,
      path: body.path,
      title: body.title,
      html: body.html,
      toc: body.toc,
      hasMermaid: body.hasMermaid,
      ...(editUrl ? { editUrl } : {}),
      ...(lastUpdated ? { lastUpdated } : {}),
      renderedAt: body.renderedAt,
      siteVersion: snapshot.version,
      warnings: body.warnings,
    };
  }

  /** Every warning of the site: its own and every page's (rendering what is not cached yet). */
  async allWarnings(name: EntityName): Promise<{ warnings: BuildWarning[]; pageCount: number; rendered: number }> {
    const state = await this.site(name);
    const before = this.stats.renders;
    const warnings: BuildWarning[] = [...state.snapshot.warnings];
    for (const route of state.snapshot.layout.pages.keys()) {
      warnings.push(...(await this.renderedPage(state, route)).warnings);
    }
    return { warnings, pageCount: state.snapshot.layout.pages.size, rendered: this.stats.renders - before };
  }

  async refresh(name: EntityName): Promise<{ version: string; changedPages: string[] }> {
    const before = this.sites.get(entityRefOf(name))?.snapshot;
    await this.syncGitMirror(name);
    const state = await this.site(name, { force: true });
    const changedPages = before ? this.changedRoutes(before, state.snapshot).changed : [...state.snapshot.layout.pages.keys()];
    return { version: state.snapshot.version, changedPages };
  }

  /**
   * Docs of an entity from a `git` location are read from the catalog's
   * mirror, which only moves when the catalog reads the location. A check
   * asked for by hand has the catalog fetch first, so a commit just pushed
   * shows now rather than after the catalog's next scheduled refresh.
   */
  private async syncGitMirror(name: EntityName): Promise<void> {
    const { catalog, logger } = this.options;
    if (!catalog.refreshEntity) return;
    const entity = await catalog.getEntity(name);
    if (!entity?.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION]?.startsWith('git:')) return;
    try {
      await catalog.refreshEntity(entityRefOf(name));
    } catch (error) {
      // The mirror keeps its last good commit; the check still reads that.
      logger.warn({ err: error, entityRef: entityRefOf(name) }, `Fetching the git location of ${entityRefOf(name)} failed`);
    }
  }

  /** A file of the docs folder, for images and downloads. */
  async asset(name: EntityName, file: string): Promise<{ bytes: Buffer; file: string }> {
    const state = await this.site(name);
    const normal = path.normalize(file);
    if (normal.startsWith('../') || normal === '..' || path.isAbsolute(normal) || normal.includes('\0')) {
      throw new NotAllowedError(`${file} is outside the docs folder; refused`);
    }
    const { snapshot } = state;
    if (snapshot.listed && !snapshot.files.includes(normal)) {
      throw new NotFoundError(`The docs of ${state.entityRef} have no file ${normal}`);
    }
    const inDocs = snapshot.docsDir === '.' ? normal : `${snapshot.docsDir}/${normal}`;
    let bytes: Buffer | undefined;
    try {
      bytes = await state.resolved.source.readBytes(inDocs, this.options.config.maxAssetBytes);
    } catch (error) {
      throw toUserError(error, state.entityRef);
    }
    if (!bytes) throw new NotFoundError(`The docs of ${state.entityRef} have no file ${normal}`);
    return { bytes, file: normal };
  }

  /** Every page of a site as a search document. */
  async searchDocuments(name: EntityName): Promise<DocsSearchDocument[]> {
    const state = await this.site(name);
    const documents: DocsSearchDocument[] = [];
    for (const route of state.snapshot.layout.pages.keys()) {
      documents.push(this.searchDocument(state, await this.renderedPage(state, route)));
    }
    return documents;
  }

  private searchDocument(state: SiteState, page: StoredPageBody): DocsSearchDocument {
    return {
      title: page.title,
      text: page.text,
      headings: page.toc.map((t) => t.title),
      location: this.pageLocation(state.name, page.route),
      entityRef: state.entityRef,
      siteName: state.snapshot.layout.siteName,
    };
  }
}
