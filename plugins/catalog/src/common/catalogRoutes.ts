import { z } from 'zod';
import { defineRoutes, repeatedQueryParam } from '@callboard/common';
import { storedEntitySchema } from './entitySchemas.ts';

export const MAX_PAGE_SIZE = 500;

const pageInfoSchema = z.object({
  nextCursor: z.string().optional(),
  prevCursor: z.string().optional(),
});

const commaList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

export const entitiesByQueryQuerySchema = z.object({
  /** `kind=component,spec.type=service`: AND inside one filter, OR across repeated filters. */
  filter: repeatedQueryParam(z.string()),
  limit: z.coerce.number().int().min(0).max(MAX_PAGE_SIZE).optional(),
  /** Opaque; when present it carries the whole query and the other parameters are ignored. */
  cursor: z.string().max(8192).optional(),
  /** `metadata.name,asc`; repeatable, the first decides the order. */
  orderField: repeatedQueryParam(z.string()),
  fullTextFilterTerm: z.string().max(200).optional(),
  fullTextFilterFields: commaList.optional(),
  /** Comma-separated dotted paths to keep in each item, e.g. `kind,metadata.name`. */
  fields: repeatedQueryParam(z.string()),
});

export type EntitiesByQueryQuery = z.output<typeof entitiesByQueryQuerySchema>;

export const entitiesByQueryResponseSchema = z.object({
  items: z.array(storedEntitySchema),
  totalItems: z.number().int(),
  pageInfo: pageInfoSchema,
});

export type EntitiesByQueryResponse = z.output<typeof entitiesByQueryResponseSchema>;

export const facetsResponseSchema = z.object({
  facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number().int() }))),
});

export const catalogRoutes = defineRoutes({
  getEntitiesByQuery: {
    method: 'GET',
    path: '/entities/by-query',
    query: entitiesByQueryQuerySchema,
    response: entitiesByQueryResponseSchema,
  },
  getEntityByName: {
    method: 'GET',
    path: '/entities/by-name/:kind/:namespace/:name',
    params: z.object({ kind: z.string().min(1), namespace: z.string().min(1), name: z.string().min(1) }),
    response: storedEntitySchema,
  },
  getEntityFacets: {
    method: 'GET',
    path: '/entity-facets',
    query: z.object({
      facet: z.preprocess((v) => (Array.isArray(v) ? v : v === undefined ? v : [v]), z.array(z.string().min(1)).min(1, 'give at least one facet')),
      filter: repeatedQueryParam(z.string()),
    }),
    response: facetsResponseSchema,
  },
});

export type CatalogRoutes = typeof catalogRoutes;
