import { NotFoundError } from '@callboard/common';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { catalogRoutes } from '@callboard/plugin-catalog/common';
import type { TemplateSource } from './TaskService.ts';

/** Templates come from the catalog's HTTP API, like any other client's entities. */
export function catalogTemplateSource(baseUrl: string): TemplateSource {
  const client = createApiClient('catalog', catalogRoutes, { baseUrl });
  const byName = async (ref: { kind: string; namespace: string; name: string }) => {
    try {
      return await client.getEntityByName({ params: ref });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
  return { getTemplate: byName, getUser: byName };
}
