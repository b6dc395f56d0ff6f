import { z } from 'zod';
import { defineRoutes } from '@callboard/common';

/** One thing search can find: a docs page, an entity, a template… */
export const searchDocumentSchema = z.object({
  /** Which collator made it, e.g. `techdocs`. */
  type: z.string().min(1),
  title: z.string(),
  text: z.string(),
  /** Section headings, weighted above body text. */
  headings: z.array(z.string()).default([]),
  /** Where the app shows it; unique across all documents. */
  location: z.string().min(1),
  /** The catalog entity it belongs to, when it belongs to one. */
  entityRef: z.string().optional(),
});
export type SearchDocument = z.input<typeof searchDocumentSchema>;

export const searchResultSchema = z.object({
  type: z.string(),
  title: z.string(),
  location: z.string(),
  entityRef: z.string().optional(),
  /** A short piece of the text around the first match. */
  snippet: z.string(),
  score: z.number(),
});
export type SearchResult = z.output<typeof searchResultSchema>;

export const searchRoutes = defineRoutes({
  query: {
    method: 'GET',
    path: '/query',
    query: z.object({
      term: z.string().trim().min(1, 'give a search term').max(200),
      type: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
    response: z.object({ results: z.array(searchResultSchema), total: z.number().int() }),
  },
});

/**
 * Published by a plugin whose documents changed (the collator's type, the
 * new or changed documents, and the locations that are gone), so search
 * stays current between full collations.
 */
export interface SearchDocumentsChanged {
  type: string;
  upserts: SearchDocument[];
  removedLocations: string[];
}

export const SEARCH_EVENTS = {
  documentsChanged: 'search.documents.changed',
} as const;
