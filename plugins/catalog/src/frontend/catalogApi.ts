import { useRef } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Entity } from '@callboard/catalog-model';
import { NotFoundError } from '@callboard/common';
import { createApiClient } from '@callboard/frontend-plugin-api';
import { catalogRoutes } from '../common/catalogRoutes.ts';
import { facetField, facetRequests, ROW_FIELDS, type EntitiesQuery, type FacetId, type FacetSelection } from './catalogView.ts';

export const catalogApi = createApiClient('catalog', catalogRoutes);

export const catalogQueryKeys = {
  all: ['catalog'] as const,
  entities: (query: EntitiesQuery) => ['catalog', 'entities', query] as const,
  entityRows: (query: EntitiesQuery) => ['catalog', 'entity-rows', query] as const,
  facets: (facets: readonly string[], filter: string | undefined) => ['catalog', 'facets', facets, filter ?? ''] as const,
  byRefs: (refs: readonly string[], fields?: readonly string[]) => ['catalog', 'by-refs', refs, fields ?? []] as const,
  entity: (kind: string, namespace: string, name: string) =>
    // Refs are case-insensitive, so /component/ and /Component/ share one cache entry.
    ['catalog', 'entity', kind.toLowerCase(), namespace.toLowerCase(), name.toLowerCase()] as const,
  locations: ['catalog', 'locations'] as const,
};

/** After the catalog changes (import, removal, refresh), every list and count may be out of date. */
export async function invalidateCatalog(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    // A long scrolled list would re-read every page it holds: it starts again from its first page instead.
    queryClient.resetQueries({ queryKey: ['catalog', 'entity-rows'] }),
    queryClient.invalidateQueries({ queryKey: catalogQueryKeys.all, predicate: (query) => query.queryKey[1] !== 'entity-rows' }),
  ]);
}

/** One page of a server-paged list; the old rows stay on screen until the new ones arrive. */
export function useEntitiesQuery(query: EntitiesQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: catalogQueryKeys.entities(query),
    queryFn: ({ signal }) => catalogApi.getEntitiesByQuery({ query }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** Rows per request after the first: few requests while scrolling fast, each still quick for the server. */
export const SCROLL_PAGE_SIZE = 200;

/**
 * The continuous list: the first page as asked, then the server's cursor
 * page after page as the reader scrolls towards the end.
 */
export function useEntityRows(query: EntitiesQuery, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: catalogQueryKeys.entityRows(query),
    queryFn: ({ pageParam, signal }) =>
      catalogApi.getEntitiesByQuery(
        { query: pageParam ? { cursor: pageParam, limit: SCROLL_PAGE_SIZE, fields: [ROW_FIELDS.join(',')] } : query },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pageInfo.nextCursor,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    // Refetching would re-read every page loaded so far, hundreds after a long scroll:
    // the list refreshes when its query changes or the catalog is changed from here.
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchOnMount: (query) => (query.state.data?.pages.length ?? 0) <= 5,
    staleTime: 5 * 60_000,
  });
}

export type FacetValues = { value: string; count: number }[];

/**
 * Every facet's values with counts under the other facets' selections (see
 * `facetRequests`). The requests share the cache, so adding a value to one
 * facet re-asks only what changed.
 */
export function useFacetCounts(filters: FacetSelection, options: { enabled?: boolean } = {}) {
  const requests = facetRequests(filters);
  const results = useQueries({
    queries: requests.map((request) => {
      const fields = request.facets.map(facetField);
      return {
        queryKey: catalogQueryKeys.facets(fields, request.filter),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          catalogApi.getEntityFacets({ query: { facet: fields, ...(request.filter ? { filter: [request.filter] } : {}) } }, { signal }),
        staleTime: 60_000,
        placeholderData: keepPreviousData,
        enabled: options.enabled ?? true,
      };
    }),
  });
  // A facet moves between requests as its selection changes (see facetRequests), so the
  // query that answers it is new and has nothing yet: its last counts stay on screen,
  // marked as pending, instead of the list vanishing under the pointer.
  const lastKnown = useRef<Partial<Record<FacetId, FacetValues>>>({});
  const counts: Partial<Record<FacetId, FacetValues>> = {};
  const pending = new Set<FacetId>();
  const errors = new Map<FacetId, unknown>();
  requests.forEach((request, i) => {
    const result = results[i]!;
    for (const id of request.facets) {
      const values = result.data?.facets[facetField(id)];
      if (values) lastKnown.current[id] = values;
      const shown = values ?? lastKnown.current[id];
      if (shown) counts[id] = shown;
      if (result.isPending || result.isPlaceholderData) pending.add(id);
      if (result.isError) errors.set(id, result.error);
    }
  });
  const refetch = () => results.forEach((r) => r.isError && void r.refetch());
  return { counts, pending, errors, refetch };
}

const BY_REFS_CHUNK = 1000;
const FALLBACK_CHUNK = 25;

/**
 * Entities for a list of refs, in the order asked, `undefined` where the
 * catalog has none. Uses by-refs; a server that does not have that endpoint
 * yet (404 on the route itself) is asked with one filter per ref instead.
 */
export async function fetchEntitiesByRefs(
  refs: readonly string[],
  options: { fields?: readonly string[]; signal?: AbortSignal } = {},
): Promise<(Entity | undefined)[]> {
  const out: (Entity | undefined)[] = [];
  try {
    for (let i = 0; i < refs.length; i += BY_REFS_CHUNK) {
      const chunk = refs.slice(i, i + BY_REFS_CHUNK);
      const response = await catalogApi.getEntitiesByRefs(
        { query: {}, body: { entityRefs: chunk, ...(options.fields ? { fields: [...options.fields] } : {}) } },
        options.signal ? { signal: options.signal } : {},
      );
      out.push(...response.items.map((item) => item ?? undefined));
    }
    return out;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  return fetchByFilterGroups(refs, options);
}

async function fetchByFilterGroups(
  refs: readonly string[],
  options: { fields?: readonly string[]; signal?: AbortSignal },
): Promise<(Entity | undefined)[]> {
  const found = new Map<string, Entity>();
  const parsed = refs.map((ref) => {
    const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
    return match ? { kind: match[1]!, namespace: match[2]!, name: match[3]! } : undefined;
  });
  const valid = parsed.filter((p): p is NonNullable<typeof p> => p !== undefined && !`${p.kind}${p.namespace}${p.name}`.includes(','));
  for (let i = 0; i < valid.length; i += FALLBACK_CHUNK) {
    const chunk = valid.slice(i, i + FALLBACK_CHUNK);
    const response = await catalogApi.getEntitiesByQuery(
      {
        query: {
          filter: chunk.map((p) => `kind=${p.kind},metadata.namespace=${p.namespace},metadata.name=${p.name}`),
          limit: chunk.length,
          ...(options.fields ? { fields: [options.fields.join(',')] } : {}),
        },
      },
      options.signal ? { signal: options.signal } : {},
    );
    for (const entity of response.items) {
      found.set(`${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLocaleLowerCase('en-US'), entity);
    }
  }
  return refs.map((ref) => found.get(ref.toLocaleLowerCase('en-US')));
}

export function useEntitiesByRefs(refs: readonly string[], options: { fields?: readonly string[]; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: catalogQueryKeys.byRefs(refs, options.fields),
    queryFn: ({ signal }) => fetchEntitiesByRefs(refs, { ...(options.fields ? { fields: options.fields } : {}), signal }),
    enabled: (options.enabled ?? true) && refs.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useCatalogEntity(kind: string, namespace: string, name: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: catalogQueryKeys.entity(kind, namespace, name),
    queryFn: ({ signal }) => catalogApi.getEntityByName({ params: { kind, namespace, name } }, { signal }),
    enabled: options.enabled ?? true,
  });
}

export function useLocationStatuses() {
  return useQuery({
    queryKey: catalogQueryKeys.locations,
    queryFn: ({ signal }) => catalogApi.getLocationStatuses({}, { signal }),
  });
}
