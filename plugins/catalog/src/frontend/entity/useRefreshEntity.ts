import { useMutation, useQueryClient } from '@tanstack/react-query';
import { stringifyEntityRef, type Entity } from '@callboard/catalog-model';
import { catalogApi, invalidateCatalog } from '../catalogApi.ts';

/** Asks the catalog to read the entity's location again, then reloads what the page shows. */
export function useRefreshEntity(entity: Entity) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => catalogApi.refreshEntity({ body: { entityRef: stringifyEntityRef(entity) } }),
    onSuccess: () => invalidateCatalog(queryClient),
  });
}
