import { createExtensionPoint, defineEventTopic } from '@callboard/backend-plugin-api';
import { SEARCH_EVENTS, type SearchDocument, type SearchDocumentsChanged } from '../common/searchRoutes.ts';

/**
 * A source of search documents. `collect` returns every document of its
 * type; it runs at start-up and whenever search is re-indexed. Changes in
 * between arrive as `searchDocumentsChanged` events.
 */
export interface SearchCollator {
  type: string;
  collect(options: { signal: AbortSignal }): Promise<SearchDocument[]>;
}

export const searchCollatorsExtensionPoint = createExtensionPoint<SearchCollator>({ id: 'search.collators' });

export const searchDocumentsChanged = defineEventTopic<SearchDocumentsChanged>(SEARCH_EVENTS.documentsChanged);
