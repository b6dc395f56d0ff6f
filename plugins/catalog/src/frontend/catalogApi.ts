import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createApiClient } from '@callboard/frontend-plugin-api';
import { catalogRoutes } from '../common/catalogRoutes.ts';
import type { EntitiesQuery } from './catalogView.ts';

export const catalogApi = createApiClient('catalog', catalogRoutes);

export const catalogQueryKeys = {
  all: ['catalog'] as const,
  entities: (query: EntitiesQuery) => ['catalog', 'entities', query] as const,
  facets: (facet: string) => ['catalog', 'facets', facet] as const,
  entity: (kind: string, namespace: string, name: string) =>
    // Refs are case-insensitive, so /component/ and /Component/ share one cache entry.
    ['catalog', 'entity', kind.toLowerCase(), namespace.toLowerCase(), name.toLowerCase()] as const,
};

export function useEntitiesQuery(query: EntitiesQuery) {
  return useQuery({
    queryKey: catalogQueryKeys.entities(query),
    queryFn: ({ signal }) => catalogApi.getEntitiesByQuery({ query }, { signal }),
    // Paging and filtering keep the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useEntityFacet(facet: string) {
  return useQuery({
    queryKey: catalogQueryKeys.facets(facet),
    queryFn: async ({ signal }) => {
      const response = await catalogApi.getEntityFacets({ query: { facet: [facet] } }, { signal });
      return response.facets[facet] ?? [];
    },
    staleTime: 60_000,
  });
}

export function useCatalogEntity(kind: string, namespace: string, name: string) {
  return useQuery({
    queryKey: catalogQueryKeys.entity(kind, namespace, name),
    queryFn: ({ signal }) => catalogApi.getEntityByName({ params: { kind, namespace, name } }, { signal }),
  });
}
