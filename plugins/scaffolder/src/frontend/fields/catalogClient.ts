import { createApiClient } from '@callboard/frontend-plugin-api';
import { catalogRoutes } from '@callboard/plugin-catalog/common';

/** The pickers read the catalog over its HTTP API, as any other client. */
export const catalogClient = createApiClient('catalog', catalogRoutes);
