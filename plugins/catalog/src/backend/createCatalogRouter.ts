import { createTypedRouter } from '@callboard/backend-plugin-api';
import { InputError, NotFoundError } from '@callboard/common';
import { catalogRoutes } from '../common/catalogRoutes.ts';
import type { KnexEntityStore } from './database/KnexEntityStore.ts';
import { decodeCursor, encodeCursor, type QueryCursor } from './query/cursor.ts';
import { parseFilterParams } from './query/parseFilter.ts';
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

function splitFields(fields: string[] | undefined): string[] | undefined {
  const list = fields?.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  return list?.length ? list : undefined;
}

export function createCatalogRouter(store: KnexEntityStore) {
  return createTypedRouter(catalogRoutes, {
    async getEntitiesByQuery({ query }) {
      let limit = query.limit ?? DEFAULT_LIMIT;
      let base: Omit<QueryCursor, 'direction' | 'bound' | 'v'>;
      let direction: 'next' | 'prev' | undefined;
      let bound: [string, string] | undefined;
      if (query.cursor) {
        const cursor = decodeCursor(query.cursor);
        ({ direction, bound } = cursor);
        limit = query.limit ?? cursor.limit ?? DEFAULT_LIMIT;
        base = {
          ...(cursor.filter ? { filter: cursor.filter } : {}),
          ...(cursor.term ? { term: cursor.term } : {}),
          ...(cursor.fields ? { fields: cursor.fields } : {}),
          orderField: cursor.orderField,
          order: cursor.order,
        };
      } else {
        base = {
          ...(query.filter ? { filter: query.filter } : {}),
          ...(query.fullTextFilterTerm ? { term: query.fullTextFilterTerm } : {}),
          ...(query.fullTextFilterFields?.length ? { fields: query.fullTextFilterFields } : {}),
          ...parseOrderField(query.orderField?.[0]),
        };
      }
      const filter = parseFilterParams(base.filter);
      const [page, totalItems] = await Promise.all([
        limit === 0
          ? Promise.resolve({ rows: [], hasMore: false })
          : store.queryPage({
              filter,
              ...(base.term ? { term: base.term } : {}),
              ...(base.fields ? { termFields: base.fields } : {}),
              orderField: base.orderField,
              order: base.order,
              limit,
              ...(direction ? { direction } : {}),
              ...(bound ? { bound } : {}),
            }),
        store.count(filter, base.term, base.fields),
      ]);
      const first = page.rows[0];
      const last = page.rows[page.rows.length - 1];
      const hasNext = direction === 'prev' ? true : page.hasMore;
      const hasPrev = direction === 'prev' ? page.hasMore : direction === 'next';
      const make = (dir: 'next' | 'prev', row: { sortValue: string; ref: string }) =>
        encodeCursor({ v: 1, ...base, limit, direction: dir, bound: [row.sortValue, row.ref] });
      const fields = splitFields(query.fields);
      return {
        items: page.rows.map((r) => projectFields(r.entity, fields)),
        totalItems,
        pageInfo: {
          ...(hasNext && last ? { nextCursor: make('next', last) } : {}),
          ...(hasPrev && first ? { prevCursor: make('prev', first) } : {}),
        },
      };
    },

    async getEntityByName({ params }) {
      const entity = await store.getByRef(`${params.kind}:${params.namespace}/${params.name}`);
      if (!entity) {
        throw new NotFoundError(`No entity named ${params.kind}:${params.namespace}/${params.name} in the catalog`);
      }
      return entity;
    },

    async getEntityFacets({ query }) {
      return { facets: await store.facets(query.facet, parseFilterParams(query.filter)) };
    },
  });
}
