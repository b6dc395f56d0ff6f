import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiClient } from '@callboard/frontend-plugin-api';
import { techdocsRoutes } from '../common/techdocsRoutes.ts';

export const techdocsClient = createApiClient('techdocs', techdocsRoutes);

export interface EntityName {
  namespace: string;
  kind: string;
  name: string;
}

const key = (name: EntityName) => [name.namespace, name.kind, name.name].map((s) => s.toLowerCase());

export function useDocsSite(name: EntityName) {
  return useQuery({
    queryKey: ['techdocs', 'site', ...key(name)],
    queryFn: ({ signal }) => techdocsClient.getSite({ params: name }, { signal }),
    // The server checks the source on its own interval; the browser asks again on focus.
    staleTime: 10_000,
  });
}

export function useDocsPage(name: EntityName, route: string, siteVersion: string | undefined) {
  return useQuery({
    queryKey: ['techdocs', 'page', ...key(name), route, siteVersion],
    queryFn: ({ signal }) => techdocsClient.getPage({ params: name, query: { route } }, { signal }),
    enabled: siteVersion !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useSiteWarnings(name: EntityName, enabled: boolean) {
  return useQuery({
    queryKey: ['techdocs', 'warnings', ...key(name)],
    queryFn: ({ signal }) => techdocsClient.getSiteWarnings({ params: name }, { signal }),
    enabled,
  });
}

export function useRefreshDocs(name: EntityName) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => techdocsClient.refreshSite({ params: name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['techdocs'] }),
  });
}
