import { createTypedRouter, JsonText } from '@callboard/backend-plugin-api';
import { InputError, NotFoundError, toProblem } from '@callboard/common';
import type { Entity } from '@callboard/catalog-model';
import { catalogRoutes } from '../common/catalogRoutes.ts';
import type { CatalogEngine } from './CatalogEngine.ts';
import type { KnexEntityStore } from './database/KnexEntityStore.ts';
import type { KnexLocationStore } from './database/KnexLocationStore.ts';
import type { EntityValidator } from './processing/processDocuments.ts';
import { decodeCursor, encodeCursor, type QueryCursor } from './query/cursor.ts';
import { andNodes, parseFilterParams, parsePredicate, type FilterNode } from './query/filterTree.ts';
import { projectFields } from './query/projectFields.ts';

const DEFAULT_LIMIT = 20;

function parseOrderField(raw: string | undefined): { orderField: string; order: 'asc' | 'desc' } {
  if (!raw) return { orderField: 'metadata.name', order: 'asc' };
  const [field, direction = 'asc', ...rest] = raw.split(',').map((s) => s.trim());
  if (!field || rest.length || (direction !== 'asc' && direction !== 'desc')) {
    throw new InputError(`Invalid orderField '${raw}': expected 'field' or 'field,asc' or 'field,desc', e.g. metadata.name,asc`);
  }
  return { orderField: field, order: direction };
}

/** `asc:metadata.name`, the GET /entities form. */
function parseOrder(raw: string | undefined): { orderField: string; order: 'asc' | 'desc' } {
  if (!raw) return { orderField: 'metadata.name', order: 'asc' };
  const m = /^(asc|desc):(.+)$/.exec(raw.trim());
  if (!m) throw new InputError(`Invalid order '${raw}': expected asc:<field> or desc:<field>, e.g. asc:metadata.name`);
  return { orderField: m[2]!, order: m[1] as 'asc' | 'desc' };
}

function splitFields(fields: string[] | undefined): string[] | undefined {
  const list = fields?.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  return list?.length ? list : undefined;
}

type QueryBase = Omit<QueryCursor, 'direction' | 'bound' | 'v' | 'limit'>;

export function createCatalogRouter(deps: {
  store: KnexEntityStore;
  locations: KnexLocationStore;
  engine: CatalogEngine;
  validator: EntityValidator;
}) {
  const { store, locations, engine, validator } = deps;

  const filterOf = (base: Pick<QueryBase, 'filter' | 'query'>): FilterNode | undefined =>
    andNodes(parseFilterParams(base.filter), base.query !== undefined ? parsePredicate(base.query) : undefined);

  /** One paging implementation behind GET and POST by-query: keyset cursors, or an offset. */
  async function runQuery(base: QueryBase, paging: { limit: number; offset?: number; direction?: 'next' | 'prev'; bound?: [string, string] }, fields?: string[]) {
    const filter = filterOf(base);
    const totalItems = base.totalItems ?? (await store.count(filter, base.term, base.fields));
    const page =
      paging.limit === 0
        ? { rows: [], hasMore: false }
        : await store.queryPage({
            ...(filter ? { filter } : {}),
            ...(base.term ? { term: base.term } : {}),
            ...(base.fields ? { termFields: base.fields } : {}),
            orderField: base.orderField,
            order: base.order,
            limit: paging.limit,
            ...(paging.offset ? { offset: paging.offset } : {}),
            ...(paging.direction ? { direction: paging.direction } : {}),
            ...(paging.bound ? { bound: paging.bound } : {}),
          });
    const first = page.rows[0];
    const last = page.rows[page.rows.length - 1];
    const hasNext = paging.direction === 'prev' ? true : page.hasMore;
    const hasPrev = paging.direction === 'prev' ? page.hasMore : paging.direction === 'next' || Boolean(paging.offset);
    const make = (direction: 'next' | 'prev', row: { sortValue: string; ref: string }) =>
      encodeCursor({ v: 1, ...base, totalItems, limit: paging.limit, direction, bound: [row.sortValue, row.ref] });
    return {
      itemsJson: page.rows.map((r) => (fields ? JSON.stringify(projectFields(JSON.parse(r.json) as Entity, fields)) : r.json)),
      totalItems,
      pageInfo: {
        ...(hasNext && last ? { nextCursor: make('next', last) } : {}),
        ...(hasPrev && first ? { prevCursor: make('prev', first) } : {}),
      },
    };
  }

  function fromCursor(text: string) {
    const cursor = decodeCursor(text);
    const { v: _v, direction, bound, limit, ...base } = cursor;
    return { base, direction, bound, limit };
  }

  /** A page as JSON text: the entities are already serialised. */
  const pageJson = (page: Awaited<ReturnType<typeof runQuery>>) =>
    new JsonText(`{"items":[${page.itemsJson.join(',')}],"totalItems":${page.totalItems},"pageInfo":${JSON.stringify(page.pageInfo)}}`);

  const locationOut = (row: { id: string; type: string; target: string }) => ({ id: row.id, type: row.type, target: row.target });

  return createTypedRouter(catalogRoutes, {
    async getCatalogStatus() {
      return { entities: await store.count(), pendingRebuilds: store.pendingRebuilds };
    },

    async getEntities({ query, response }) {
      const fields = splitFields(query.fields);
      let base: QueryBase = { ...(query.filter ? { filter: query.filter } : {}), ...parseOrder(query.order?.[0]) };
      let paging: { limit: number; offset?: number; direction?: 'next'; bound?: [string, string] } = {
        limit: query.limit ?? 10_000,
        ...(query.offset ? { offset: query.offset } : {}),
      };
      if (query.after) {
        const c = fromCursor(query.after);
        base = c.base;
        paging = { limit: query.limit ?? c.limit ?? DEFAULT_LIMIT, direction: 'next', bound: c.bound };
      }
      const result = await runQuery(base, paging, fields);
      if (query.limit !== undefined && result.pageInfo.nextCursor) {
        response.setHeader('Link', `<?after=${encodeURIComponent(result.pageInfo.nextCursor)}>; rel="next"`);
      }
      return new JsonText(`[${result.itemsJson.join(',')}]`);
    },

    async getEntitiesByQuery({ query }) {
      const fields = splitFields(query.fields);
      if (query.cursor) {
        const c = fromCursor(query.cursor);
        return pageJson(await runQuery(c.base, { limit: query.limit ?? c.limit ?? DEFAULT_LIMIT, direction: c.direction, bound: c.bound }, fields));
      }
      const base: QueryBase = {
        ...(query.filter ? { filter: query.filter } : {}),
        ...(query.fullTextFilterTerm?.trim() ? { term: query.fullTextFilterTerm.trim() } : {}),
        ...(query.fullTextFilterFields?.length ? { fields: query.fullTextFilterFields } : {}),
        ...parseOrderField(query.orderField?.[0]),
      };
      return pageJson(await runQuery(base, { limit: query.limit ?? DEFAULT_LIMIT, ...(query.offset ? { offset: query.offset } : {}) }, fields));
    },

    async queryEntitiesByPredicate({ body }) {
      const fields = splitFields(body.fields);
      if (body.cursor) {
        const c = fromCursor(body.cursor);
        return pageJson(await runQuery(c.base, { limit: body.limit ?? c.limit ?? DEFAULT_LIMIT, direction: c.direction, bound: c.bound }, fields));
      }
      const order = body.orderBy?.[0];
      const base: QueryBase = {
        // Always present, so the cursor says "predicate query" to Backstage's client.
        query: body.query ?? {},
        ...(body.fullTextFilter?.term?.trim() ? { term: body.fullTextFilter.term.trim() } : {}),
        ...(body.fullTextFilter?.fields?.length ? { fields: body.fullTextFilter.fields } : {}),
        orderField: order?.field ?? 'metadata.name',
        order: order?.order ?? 'asc',
      };
      return pageJson(await runQuery(base, { limit: body.limit ?? DEFAULT_LIMIT, ...(body.offset ? { offset: body.offset } : {}) }, fields));
    },

    async getEntitiesByRefs({ query, body }) {
      const filter = andNodes(parseFilterParams(query.filter), body.query !== undefined ? parsePredicate(body.query) : undefined);
      const found = await store.getByRefs(body.entityRefs, filter);
      const fields = splitFields(body.fields);
      return { items: found.map((e) => (e ? projectFields(e, fields) : null)) };
    },

    async getEntityAncestry({ params }) {
      const ref = `${params.kind}:${params.namespace}/${params.name}`;
      const items = await store.ancestry(ref);
      if (!items) throw new NotFoundError(`No entity named ${ref} in the catalog`);
      const e = items[0]!.entity;
      return { rootEntityRef: `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`, items };
    },

    async getEntityByName({ params }) {
      const json = await store.getJsonByRef(`${params.kind}:${params.namespace}/${params.name}`);
      if (!json) throw new NotFoundError(`No entity named ${params.kind}:${params.namespace}/${params.name} in the catalog`);
      return new JsonText(json);
    },

    async getEntityByUid({ params }) {
      const ref = await store.refByUid(params.uid);
      const json = ref && (await store.getJsonByRef(ref));
      if (!json) throw new NotFoundError(`No entity with uid ${params.uid}`);
      return new JsonText(json);
    },

    async deleteEntityByUid({ params }) {
      const ref = await store.deleteByUid(params.uid);
      if (!ref) throw new NotFoundError(`No entity with uid ${params.uid}`);
      return undefined;
    },

    async getEntityFacets({ query }) {
      return { facets: await store.facets(query.facet, parseFilterParams(query.filter)) };
    },

    async queryEntityFacets({ body }) {
      return { facets: await store.facets(body.facets, body.query !== undefined ? parsePredicate(body.query) : undefined) };
    },

    async refreshEntity({ body }) {
      await engine.refreshEntity(body.entityRef);
      return { entityRef: body.entityRef };
    },

    async validateEntity({ body, request, response }) {
      const result = validator.validate(body.entity);
      if (result.ok) return {};
      const errors = result.problems.map((p) => ({ name: 'InputError', message: `${p.path}: ${p.message}` }));
      const problem = toProblem(
        new InputError(`The entity is not valid: ${errors.map((e) => e.message).join('; ')}`, { issues: result.problems }),
        request.originalUrl,
      );
      // Backstage's client reads `errors` from the 400 body; the rest is our usual problem.
      response.status(400).type('application/problem+json').send(JSON.stringify({ ...problem, errors }));
      return {};
    },

    async analyzeLocation({ body }) {
      const { entities } = await engine.preview(body.location.type, body.location.target);
      const existing = await store.getByRefs(entities.map((e) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`));
      return {
        existingEntityFiles: entities.map((entity, i) => ({
          entity,
          isRegistered: Boolean(existing[i]),
          location: { type: body.location.type, target: body.location.target },
        })),
        generateEntities: [],
      };
    },

    async createLocation({ query, body }) {
      return engine.register(body.type, body.target, query.dryRun === 'true', { branch: body.branch, glob: body.glob });
    },

    async getLocations() {
      return (await locations.list()).map((row) => ({ data: locationOut(row) }));
    },

    async queryLocations({ body }) {
      const all = (await locations.list()).map(locationOut);
      const matches = body.query === undefined ? all : all.filter((l) => matchesPredicate(l, body.query));
      const offset = body.cursor ? Number.parseInt(Buffer.from(body.cursor, 'base64').toString('utf8'), 10) : 0;
      if (!Number.isInteger(offset) || offset < 0) throw new InputError('Invalid cursor');
      const limit = body.limit ?? 100;
      const items = matches.slice(offset, offset + limit);
      const next = offset + limit < matches.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
      const prev = offset > 0 ? Buffer.from(String(Math.max(0, offset - limit))).toString('base64') : undefined;
      return { items, totalItems: matches.length, pageInfo: { ...(next ? { nextCursor: next } : {}), ...(prev ? { prevCursor: prev } : {}) } };
    },

    async getLocationStatuses() {
      const [rows, states, counts] = await Promise.all([locations.list(), locations.allStates(), store.countByLocation()]);
      return {
        items: rows.map((row) => {
          const state = states.get(row.locationKey);
          return {
            ...locationOut(row),
            source: row.source,
            entityCount: counts.get(row.locationKey) ?? 0,
            ...(state?.lastReadAt ? { lastReadAt: new Date(state.lastReadAt).toISOString() } : {}),
            ...(state?.lastError ? { lastError: state.lastError } : {}),
          };
        }),
      };
    },

    async getLocationByEntity({ params }) {
      const ref = `${params.kind}:${params.namespace}/${params.name}`;
      const key = await store.locationKeyOf(ref);
      if (!key) throw new NotFoundError(`No entity named ${ref} in the catalog`);
      const row = await locations.getByKey(key);
      if (!row) throw new NotFoundError(`The location of ${ref} is no longer registered`);
      return locationOut(row);
    },

    async getLocation({ params }) {
      const row = await locations.get(params.id);
      if (!row) throw new NotFoundError(`No location with id ${params.id}`);
      return locationOut(row);
    },

    async updateLocation({ params, body }) {
      return locationOut(await engine.update(params.id, body.type, body.target));
    },

    async deleteLocation({ params }) {
      await engine.unregister(params.id);
      return undefined;
    },
  });
}

/** Locations are few; a predicate over their three fields is evaluated in memory. */
function matchesPredicate(location: Record<string, string>, predicate: unknown): boolean {
  const node = parsePredicate(predicate);
  const test = (n: FilterNode): boolean => {
    switch (n.op) {
      case 'all':
        return n.nodes.every(test);
      case 'any':
        return n.nodes.some(test);
      case 'not':
        return !test(n.node);
      case 'match': {
        const value = location[n.key]?.toLowerCase();
        if (value === undefined) return false;
        if (n.values) return n.values.includes(value);
        if (n.prefix) return value.startsWith(n.prefix);
        return true;
      }
    }
  };
  return test(node);
}

export type { Entity };
