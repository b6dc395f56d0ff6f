import { z } from 'zod';
import { defineRoutes, repeatedQueryParam } from '@callboard/common';
import { storedEntitySchema } from './entitySchemas.ts';
import { locationSchema, locationSpecSchema, locationStatusSchema } from './locationSchemas.ts';

export const MAX_PAGE_SIZE = 500;

const pageInfoSchema = z.object({
  nextCursor: z.string().optional(),
  prevCursor: z.string().optional(),
});

const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** A filter predicate as Backstage's POST endpoints take it ($all, $any, $not, $exists, $in, $hasPrefix). */
export const filterPredicateSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.record(z.string(), z.unknown()), z.string(), z.number(), z.boolean()]),
);

const kindNamespaceName = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

export const entitiesByQueryQuerySchema = z.object({
  /** `kind=component,spec.type=service`: AND inside one filter, OR across repeated filters. */
  filter: repeatedQueryParam(z.string()),
  limit: z.coerce.number().int().min(0).max(MAX_PAGE_SIZE).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  /** Opaque; when present it carries the whole query and the other parameters are ignored. */
  cursor: z.string().max(16384).optional(),
  /** `metadata.name,asc`; repeatable, the first decides the order. */
  orderField: repeatedQueryParam(z.string()),
  fullTextFilterTerm: z.string().max(200).optional(),
  fullTextFilterFields: commaList.optional(),
  /** Comma-separated dotted paths to keep in each item, e.g. `kind,metadata.name`. */
  fields: repeatedQueryParam(z.string()),
  totalItems: z.enum(['true', 'false']).optional(),
});

export type EntitiesByQueryQuery = z.output<typeof entitiesByQueryQuerySchema>;

export const entitiesByQueryResponseSchema = z.object({
  items: z.array(storedEntitySchema),
  totalItems: z.number().int(),
  pageInfo: pageInfoSchema,
});

export type EntitiesByQueryResponse = z.output<typeof entitiesByQueryResponseSchema>;

export const entitiesByPredicateBodySchema = z.object({
  query: filterPredicateSchema.optional(),
  cursor: z.string().max(16384).optional(),
  limit: z.number().int().min(0).max(MAX_PAGE_SIZE).optional(),
  offset: z.number().int().min(0).optional(),
  orderBy: z.array(z.object({ field: z.string().min(1), order: z.enum(['asc', 'desc']) })).optional(),
  fullTextFilter: z.object({ term: z.string().max(200), fields: z.array(z.string()).optional() }).optional(),
  fields: z.array(z.string()).optional(),
  totalItems: z.boolean().optional(),
});

export const facetsResponseSchema = z.object({
  facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number().int() }))),
});

export const ancestryResponseSchema = z.object({
  rootEntityRef: z.string(),
  items: z.array(z.object({ entity: storedEntitySchema, parentEntityRefs: z.array(z.string()) })),
});

export const createLocationResponseSchema = z.object({
  location: locationSchema,
  entities: z.array(storedEntitySchema),
  exists: z.boolean().optional(),
});

export const analyzeLocationResponseSchema = z.object({
  existingEntityFiles: z.array(
    z.object({
      entity: storedEntitySchema,
      isRegistered: z.boolean(),
      location: z.object({ type: z.string(), target: z.string() }),
    }),
  ),
  generateEntities: z.array(z.object({ entity: z.record(z.string(), z.unknown()), fields: z.array(z.unknown()) })),
});

export const catalogRoutes = defineRoutes({
  /** Callboard's own: how much background work is outstanding. */
  getCatalogStatus: {
    method: 'GET',
    path: '/status',
    response: z.object({ entities: z.number().int(), pendingRebuilds: z.number().int() }),
  },
  getEntities: {
    method: 'GET',
    path: '/entities',
    query: z.object({
      filter: repeatedQueryParam(z.string()),
      fields: repeatedQueryParam(z.string()),
      offset: z.coerce.number().int().min(0).optional(),
      limit: z.coerce.number().int().min(0).optional(),
      after: z.string().max(16384).optional(),
      /** `asc:metadata.name`, repeatable. */
      order: repeatedQueryParam(z.string()),
    }),
    response: z.array(storedEntitySchema),
  },
  getEntitiesByQuery: {
    method: 'GET',
    path: '/entities/by-query',
    query: entitiesByQueryQuerySchema,
    response: entitiesByQueryResponseSchema,
  },
  queryEntitiesByPredicate: {
    method: 'POST',
    path: '/entities/by-query',
    body: entitiesByPredicateBodySchema,
    response: entitiesByQueryResponseSchema,
  },
  getEntitiesByRefs: {
    method: 'POST',
    path: '/entities/by-refs',
    query: z.object({ filter: repeatedQueryParam(z.string()) }),
    body: z.object({
      entityRefs: z.array(z.string()).max(1000, 'at most 1000 refs per request'),
      fields: z.array(z.string()).optional(),
      query: filterPredicateSchema.optional(),
    }),
    response: z.object({ items: z.array(storedEntitySchema.nullable()) }),
  },
  getEntityAncestry: {
    method: 'GET',
    path: '/entities/by-name/:kind/:namespace/:name/ancestry',
    params: kindNamespaceName,
    response: ancestryResponseSchema,
  },
  getEntityByName: {
    method: 'GET',
    path: '/entities/by-name/:kind/:namespace/:name',
    params: kindNamespaceName,
    response: storedEntitySchema,
  },
  getEntityByUid: {
    method: 'GET',
    path: '/entities/by-uid/:uid',
    params: z.object({ uid: z.string().min(1) }),
    response: storedEntitySchema,
  },
  deleteEntityByUid: {
    method: 'DELETE',
    path: '/entities/by-uid/:uid',
    params: z.object({ uid: z.string().min(1) }),
    response: z.undefined(),
    status: 204,
  },
  getEntityFacets: {
    method: 'GET',
    path: '/entity-facets',
    query: z.object({
      facet: z.preprocess(
        (v) => (Array.isArray(v) ? v : v === undefined ? v : [v]),
        z.array(z.string().min(1)).min(1, 'give at least one facet'),
      ),
      filter: repeatedQueryParam(z.string()),
    }),
    response: facetsResponseSchema,
  },
  queryEntityFacets: {
    method: 'POST',
    path: '/entity-facets',
    body: z.object({ facets: z.array(z.string().min(1)).min(1), query: filterPredicateSchema.optional() }),
    response: facetsResponseSchema,
  },
  refreshEntity: {
    method: 'POST',
    path: '/refresh',
    body: z.object({ entityRef: z.string().min(1) }),
    response: z.object({ entityRef: z.string() }),
  },
  validateEntity: {
    method: 'POST',
    path: '/validate-entity',
    body: z.object({ entity: z.unknown(), location: z.string().min(1) }),
    response: z.object({}),
  },
  analyzeLocation: {
    method: 'POST',
    path: '/analyze-location',
    body: z.object({
      location: z.object({ type: z.string().default('url'), target: z.string().min(1) }),
      catalogFilename: z.string().optional(),
    }),
    response: analyzeLocationResponseSchema,
  },
  createLocation: {
    method: 'POST',
    path: '/locations',
    query: z.object({ dryRun: z.enum(['true', 'false']).optional(), onConflict: z.enum(['reject', 'refresh']).optional() }),
    body: locationSpecSchema,
    response: createLocationResponseSchema,
    status: 201,
  },
  getLocations: {
    method: 'GET',
    path: '/locations',
    response: z.array(z.object({ data: locationSchema })),
  },
  queryLocations: {
    method: 'POST',
    path: '/locations/by-query',
    body: z.object({
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
      cursor: z.string().optional(),
      query: filterPredicateSchema.optional(),
    }),
    response: z.object({ items: z.array(locationSchema), totalItems: z.number().int(), pageInfo: pageInfoSchema }),
  },
  /** Callboard's own: every location with its last read and error, for the UI. */
  getLocationStatuses: {
    method: 'GET',
    path: '/locations/status',
    response: z.object({ items: z.array(locationStatusSchema) }),
  },
  getLocationByEntity: {
    method: 'GET',
    path: '/locations/by-entity/:kind/:namespace/:name',
    params: kindNamespaceName,
    response: locationSchema,
  },
  getLocation: {
    method: 'GET',
    path: '/locations/:id',
    params: z.object({ id: z.string().min(1) }),
    response: locationSchema,
  },
  updateLocation: {
    method: 'PUT',
    path: '/locations/:id',
    params: z.object({ id: z.string().min(1) }),
    body: locationSpecSchema,
    response: locationSchema,
  },
  deleteLocation: {
    method: 'DELETE',
    path: '/locations/:id',
    params: z.object({ id: z.string().min(1) }),
    response: z.undefined(),
    status: 204,
  },
});

export type CatalogRoutes = typeof catalogRoutes;
