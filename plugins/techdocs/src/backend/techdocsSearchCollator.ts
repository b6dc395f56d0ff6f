import { coreServices, createBackendModule } from '@callboard/backend-plugin-api';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import type { SearchDocument } from '@callboard/plugin-search/common';
import { searchCollatorsExtensionPoint } from '@callboard/plugin-search/backend';
import { techdocsRoutes } from '../common/techdocsRoutes.ts';
import type { DocsSearchDocument } from './TechdocsService.ts';

export function toSearchDocument(doc: DocsSearchDocument): SearchDocument {
  return {
    type: 'techdocs',
    title: doc.title === doc.siteName ? doc.title : `${doc.title} · ${doc.siteName}`,
    text: doc.text,
    headings: doc.headings,
    location: doc.location,
    entityRef: doc.entityRef,
  };
}

/**
 * Gives search every docs page. A module of the search plugin, so it is
 * installed only where search is, and it reads pages through the techdocs
 * HTTP API like any other client.
 */
export const techdocsSearchCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'techdocs-collator',
  deps: { collators: searchCollatorsExtensionPoint, discovery: coreServices.discovery },
  init({ collators, discovery }) {
    collators.add({
      type: 'techdocs',
      async collect({ signal }) {
        const client = createApiClient('techdocs', techdocsRoutes, { baseUrl: discovery.getInternalOrigin() });
        const { documents } = await client.getSearchDocuments({}, { signal });
        return documents.map(toSearchDocument);
      },
    });
  },
});
