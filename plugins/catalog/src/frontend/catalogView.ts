import type { RouteInput } from '@callboard/common';
import type { CatalogRoutes } from '../common/catalogRoutes.ts';

/** The facets of the filter panel: the URL parameter, the entity field the server filters and counts on. */
export const CATALOG_FACETS = [
  { id: 'kind', field: 'kind', label: 'Kind' },
  { id: 'type', field: 'spec.type', label: 'Type' },
  { id: 'owner', field: 'spec.owner', label: 'Owner' },
  { id: 'lifecycle', field: 'spec.lifecycle', label: 'Lifecycle' },
  { id: 'tag', field: 'metadata.tags', label: 'Tags' },
  { id: 'namespace', field: 'metadata.namespace', label: 'Namespace' },
] as const;

export type FacetId = (typeof CATALOG_FACETS)[number]['id'];
export type FacetSelection = Partial<Record<FacetId, string[]>>;

/** Columns the server can order by, and the field each one orders on. */
export const SORT_FIELDS = {
  name: 'metadata.name',
  kind: 'kind',
  type: 'spec.type',
  owner: 'spec.owner',
  lifecycle: 'spec.lifecycle',
} as const;
export type SortColumn = keyof typeof SORT_FIELDS;
export type SortOrder = 'asc' | 'desc';

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 20;

/** `scroll`: one long list that loads as you scroll; `pages`: server pages with Previous/Next. */
export type PagingMode = 'scroll' | 'pages';

/** Everything that decides what the catalog table shows; lives in the URL so a view can be shared. */
export interface CatalogView {
  filters: FacetSelection;
  q: string;
  sort: SortColumn;
  order: SortOrder;
  starred: boolean;
  paging: PagingMode;
  pageSize: PageSize;
  cursor?: string;
}

export type EntitiesQuery = NonNullable<RouteInput<CatalogRoutes['getEntitiesByQuery']>['query']>;

/**
 * The fields the table shows. Asking only for these keeps a page of 200 rows
 * a few tens of kilobytes instead of whole entities with their relations.
 */
export const ROW_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.uid',
  'spec.type',
  'spec.owner',
  'spec.lifecycle',
  'spec.profile.displayName',
];

export const DEFAULT_VIEW: CatalogView = {
  filters: {},
  q: '',
  sort: 'name',
  order: 'asc',
  starred: false,
  paging: 'scroll',
  pageSize: DEFAULT_PAGE_SIZE,
};

function isPageSize(value: number): value is PageSize {
  return (PAGE_SIZES as readonly number[]).includes(value);
}

function isSortColumn(value: string | null): value is SortColumn {
  return value !== null && Object.hasOwn(SORT_FIELDS, value);
}

/**
 * A value the server's `key=value,…` filter syntax cannot carry: a comma
 * would split it into two conditions. Such values are never sent.
 */
export function isFilterableValue(value: string): boolean {
  return value.trim() !== '' && !value.includes(',');
}

/** Values of one facet without blanks and case-insensitive duplicates, in the order given. */
function cleanValues(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    const key = value.toLocaleLowerCase('en-US');
    if (!isFilterableValue(value) || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/** Tolerates hand-edited URLs: anything unknown falls back to the default. */
export function readCatalogView(params: URLSearchParams): CatalogView {
  const filters: FacetSelection = {};
  for (const facet of CATALOG_FACETS) {
    const values = cleanValues(params.getAll(facet.id));
    if (values.length) filters[facet.id] = values;
  }
  const cursor = params.get('cursor') || undefined;
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort');
  const pagingParam = params.get('paging');
  // Links made before continuous scrolling existed carry a page size or a
  // cursor: they keep opening the page they pointed at.
  const paging: PagingMode =
    pagingParam === 'pages' || (pagingParam !== 'scroll' && (params.has('pageSize') || cursor !== undefined))
      ? 'pages'
      : 'scroll';
  return {
    filters,
    q: params.get('q') ?? '',
    sort: isSortColumn(sort) ? sort : 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    starred: params.get('starred') === 'true',
    paging,
    pageSize: isPageSize(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    ...(paging === 'pages' && cursor ? { cursor } : {}),
  };
}

/** Defaults are left out so the plain catalog keeps the plain `/catalog` address. */
export function writeCatalogView(view: CatalogView): URLSearchParams {
  const params = new URLSearchParams();
  for (const facet of CATALOG_FACETS) {
    for (const value of cleanValues(view.filters[facet.id] ?? [])) params.append(facet.id, value);
  }
  if (view.q) params.set('q', view.q);
  if (view.sort !== 'name') params.set('sort', view.sort);
  if (view.order !== 'asc') params.set('order', view.order);
  if (view.starred) params.set('starred', 'true');
  if (view.paging === 'pages') {
    params.set('paging', 'pages');
    if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(view.pageSize));
    if (view.cursor) params.set('cursor', view.cursor);
  }
  return params;
}

/**
 * A cursor belongs to the query it was issued for, so changing anything but
 * the cursor starts again at the first page.
 */
export function changeCatalogView(view: CatalogView, change: Partial<Omit<CatalogView, 'cursor'>>): CatalogView {
  const next: CatalogView = { ...view, ...change };
  delete next.cursor;
  return next;
}

/** Adds or removes one value of one facet; other facets are untouched. */
export function toggleFacetValue(filters: FacetSelection, facet: FacetId, value: string): FacetSelection {
  const current = filters[facet] ?? [];
  const key = value.toLocaleLowerCase('en-US');
  const has = current.some((v) => v.toLocaleLowerCase('en-US') === key);
  const values = has ? current.filter((v) => v.toLocaleLowerCase('en-US') !== key) : [...current, value];
  return setFacetValues(filters, facet, values);
}

export function setFacetValues(filters: FacetSelection, facet: FacetId, values: readonly string[]): FacetSelection {
  const next: FacetSelection = { ...filters };
  const clean = cleanValues(values);
  if (clean.length) next[facet] = clean;
  else delete next[facet];
  return next;
}

export function isSelected(filters: FacetSelection, facet: FacetId, value: string): boolean {
  const key = value.toLocaleLowerCase('en-US');
  return (filters[facet] ?? []).some((v) => v.toLocaleLowerCase('en-US') === key);
}

export function selectedCount(filters: FacetSelection): number {
  return CATALOG_FACETS.reduce((n, facet) => n + (filters[facet.id]?.length ?? 0), 0);
}

/**
 * One `filter` parameter for the whole selection: conditions inside one
 * filter are ANDed across keys, and a key repeated inside it accepts any of
 * its values. So `kind=component,kind=api,spec.lifecycle=production` is
 * "(component or API) and in production". `except` leaves one facet out,
 * which is how that facet's own counts are asked for.
 */
export function buildFilter(filters: FacetSelection, except?: FacetId): string | undefined {
  const conditions: string[] = [];
  for (const facet of CATALOG_FACETS) {
    if (facet.id === except) continue;
    for (const value of cleanValues(filters[facet.id] ?? [])) conditions.push(`${facet.field}=${value}`);
  }
  return conditions.length ? conditions.join(',') : undefined;
}

export interface FacetRequest {
  facets: FacetId[];
  filter: string | undefined;
}

/**
 * The /entity-facets requests that give every facet its counts under the
 * other facets' selections. Facets with nothing selected all see the same
 * filter, so they share one request; a facet with a selection gets its own,
 * without its own values, so choosing "component" still shows how many APIs
 * there are to add to the choice.
 */
export function facetRequests(filters: FacetSelection): FacetRequest[] {
  const unselected = CATALOG_FACETS.filter((f) => !filters[f.id]?.length).map((f) => f.id);
  const requests: FacetRequest[] = [];
  if (unselected.length) requests.push({ facets: unselected, filter: buildFilter(filters) });
  for (const facet of CATALOG_FACETS) {
    if (filters[facet.id]?.length) requests.push({ facets: [facet.id], filter: buildFilter(filters, facet.id) });
  }
  return requests;
}

export function facetField(id: FacetId): string {
  return CATALOG_FACETS.find((f) => f.id === id)!.field;
}

/** The first page's query; later pages send only the cursor (which carries the rest) and the fields. */
export function toEntitiesQuery(view: CatalogView, limit: number): EntitiesQuery {
  if (view.paging === 'pages' && view.cursor) return { cursor: view.cursor, limit, fields: [ROW_FIELDS.join(',')] };
  const filter = buildFilter(view.filters);
  const term = view.q.trim();
  return {
    ...(filter ? { filter: [filter] } : {}),
    limit,
    orderField: [`${SORT_FIELDS[view.sort]},${view.order}`],
    ...(term ? { fullTextFilterTerm: term } : {}),
    fields: [ROW_FIELDS.join(',')],
  };
}
