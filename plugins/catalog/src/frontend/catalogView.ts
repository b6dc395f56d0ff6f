import type { RouteInput } from '@callboard/common';
import type { CatalogRoutes } from '../common/catalogRoutes.ts';

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 20;

export type SortOrder = 'asc' | 'desc';

/** Everything that decides what the catalog table shows; lives in the URL so a view can be shared. */
export interface CatalogView {
  kind?: string;
  q: string;
  cursor?: string;
  pageSize: PageSize;
  order: SortOrder;
}

export type EntitiesQuery = NonNullable<RouteInput<CatalogRoutes['getEntitiesByQuery']>['query']>;

function isPageSize(value: number): value is PageSize {
  return (PAGE_SIZES as readonly number[]).includes(value);
}

/** Tolerates hand-edited URLs: anything unknown falls back to the default. */
export function readCatalogView(params: URLSearchParams): CatalogView {
  const kind = params.get('kind')?.trim();
  const cursor = params.get('cursor') ?? undefined;
  const pageSize = Number(params.get('pageSize'));
  return {
    ...(kind ? { kind } : {}),
    q: params.get('q') ?? '',
    ...(cursor ? { cursor } : {}),
    pageSize: isPageSize(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** Defaults are left out so the plain catalog keeps the plain `/catalog` address. */
export function writeCatalogView(view: CatalogView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.kind) params.set('kind', view.kind);
  if (view.q) params.set('q', view.q);
  if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(view.pageSize));
  if (view.order !== 'asc') params.set('order', view.order);
  if (view.cursor) params.set('cursor', view.cursor);
  return params;
}

/**
 * A cursor belongs to the query it was issued for, so changing any filter
 * starts again at the first page.
 */
export function changeCatalogView(view: CatalogView, change: Partial<Omit<CatalogView, 'cursor'>>): CatalogView {
  const next: CatalogView = { ...view, ...change };
  delete next.cursor;
  if (!next.kind) delete next.kind;
  return next;
}

export function hasFilters(view: CatalogView): boolean {
  return Boolean(view.kind) || view.q.trim() !== '';
}

export function toEntitiesQuery(view: CatalogView): EntitiesQuery {
  // The server ignores everything but the cursor when one is given, but
  // sending the limit keeps the page size honest if it ever stops doing so.
  if (view.cursor) return { cursor: view.cursor, limit: view.pageSize };
  const term = view.q.trim();
  return {
    ...(view.kind ? { filter: [`kind=${view.kind}`] } : {}),
    limit: view.pageSize,
    orderField: [`metadata.name,${view.order}`],
    ...(term ? { fullTextFilterTerm: term } : {}),
  };
}
