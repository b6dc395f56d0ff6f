import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Entity, EntityRelation } from '@callboard/catalog-model';
import type { ProcessedEntity } from '../ingestion/processEntity.ts';
import { flattenEntity } from '../ingestion/flattenEntity.ts';
import { INVERSE_RELATIONS } from '../ingestion/deriveRelations.ts';
import type { EntityFilter, FilterCondition } from '../query/parseFilter.ts';

export interface LocationWriteResult {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Entities this location emits that another location already owns. */
  conflicts: { ref: string; ownedBy: string }[];
}

export interface EntityQuery {
  filter: EntityFilter;
  term?: string;
  termFields?: string[];
  orderField: string;
  order: 'asc' | 'desc';
  limit: number;
  direction?: 'next' | 'prev';
  bound?: [string, string];
}

export interface EntityPage {
  rows: { ref: string; entity: Entity; sortValue: string }[];
  /** Whether more rows exist beyond the page in the direction read. */
  hasMore: boolean;
}

const RELATION_TYPES = new Map(Object.keys(INVERSE_RELATIONS).map((t) => [t.toLowerCase(), t] as const));
const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function likePattern(term: string): string {
  return `%${term.toLocaleLowerCase('en-US').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function searchTextOf(entity: Entity): string {
  const spec = entity.spec ?? {};
  return [
    entity.metadata.name,
    entity.metadata.title,
    entity.metadata.description,
    typeof spec.type === 'string' ? spec.type : undefined,
    typeof spec.owner === 'string' ? spec.owner : undefined,
    ...(entity.metadata.tags ?? []),
  ]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join('\n')
    .toLocaleLowerCase('en-US');
}

/** The catalog's tables. The only module of the catalog that speaks SQL. */
export class KnexEntityStore {
  private constructor(private readonly knex: Knex) {}

  static create(knex: Knex): KnexEntityStore {
    return new KnexEntityStore(knex);
  }

  /**
   * Makes the stored entities of one location match what it emits now:
   * new ones inserted, changed ones (by content hash) rewritten, missing
   * ones removed. Untouched entities are not written at all.
   */
  async replaceLocation(locationKey: string, incoming: readonly ProcessedEntity[]): Promise<LocationWriteResult> {
    const result: LocationWriteResult = { added: [], changed: [], removed: [], unchanged: 0, conflicts: [] };
    await this.knex.transaction(async (tx) => {
      const existing = new Map<string, { hash: string; location_key: string; uid: string }>();
      for (const part of chunks(incoming.map((e) => e.ref))) {
        const rows = await tx('entities').select('entity_ref', 'hash', 'location_key', 'uid').whereIn('entity_ref', part);
        for (const row of rows) existing.set(row.entity_ref, row);
      }
      const owned = await tx('entities').select('entity_ref').where('location_key', locationKey);

      const seen = new Set<string>();
      for (const item of incoming) {
        if (seen.has(item.ref)) continue; // a duplicate inside one location: the first wins
        seen.add(item.ref);
        const current = existing.get(item.ref);
        if (current && current.location_key !== locationKey) {
          result.conflicts.push({ ref: item.ref, ownedBy: current.location_key });
          continue;
        }
        if (current && current.hash === item.hash) {
          result.unchanged++;
          continue;
        }
        const uid = current?.uid ?? randomUUID();
        const entity: Entity = {
          ...item.entity,
          metadata: { ...item.entity.metadata, uid, etag: item.hash.slice(0, 20) },
        };
        const row = {
          entity_ref: item.ref,
          uid,
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
          name_lower: entity.metadata.name.toLocaleLowerCase('en-US'),
          location_key: locationKey,
          hash: item.hash,
          search_text: searchTextOf(entity),
          entity_json: JSON.stringify(entity),
          updated_at: Date.now(),
        };
        if (current) {
          await tx('entities').where('entity_ref', item.ref).update(row);
          await tx('entity_search').where('entity_ref', item.ref).delete();
          await tx('relations').where('source_ref', item.ref).delete();
          result.changed.push(item.ref);
        } else {
          await tx('entities').insert(row);
          result.added.push(item.ref);
        }
        const searchRows = flattenEntity(entity).map((r) => ({
          entity_ref: item.ref,
          key: r.key,
          value: r.value ?? null,
          original_value: r.original ?? null,
        }));
        for (const part of chunks(searchRows)) await tx('entity_search').insert(part);
        const relationRows = item.relations.map((r) => ({
          source_ref: item.ref,
          type: r.type,
          target_ref: r.targetRef,
          target_key: r.targetRef.toLocaleLowerCase('en-US'),
        }));
        for (const part of chunks(relationRows)) await tx('relations').insert(part);
      }

      const gone = owned.map((r) => r.entity_ref as string).filter((ref) => !seen.has(ref));
      for (const part of chunks(gone)) {
        await tx('entity_search').whereIn('entity_ref', part).delete();
        await tx('relations').whereIn('source_ref', part).delete();
        await tx('entities').whereIn('entity_ref', part).delete();
      }
      result.removed.push(...gone);
      await tx('location_state')
        .insert({ location_key: locationKey, last_error: null, last_read_at: Date.now() })
        .onConflict('location_key')
        .merge();
    });
    return result;
  }

  async recordLocationError(locationKey: string, error: string): Promise<void> {
    await this.knex('location_state')
      .insert({ location_key: locationKey, last_error: error, last_read_at: Date.now() })
      .onConflict('location_key')
      .merge();
  }

  async getByRef(ref: string): Promise<Entity | undefined> {
    const row = await this.knex('entities').select('entity_json').where('entity_ref', ref.toLocaleLowerCase('en-US')).first();
    if (!row) return undefined;
    const [entity] = await this.withRelations([{ ref: ref.toLocaleLowerCase('en-US'), json: row.entity_json as string }]);
    return entity;
  }

  /** Attaches every relation touching these entities, in both directions. */
  private async withRelations(rows: { ref: string; json: string }[]): Promise<Entity[]> {
    const byRef = new Map<string, EntityRelation[]>(rows.map((r) => [r.ref, []]));
    for (const part of chunks(rows.map((r) => r.ref))) {
      const outgoing = await this.knex('relations').select('source_ref', 'type', 'target_ref').whereIn('source_ref', part);
      for (const r of outgoing) byRef.get(r.source_ref)?.push({ type: r.type, targetRef: r.target_ref });
      const incoming = await this.knex('relations as r')
        .join('entities as e', 'e.entity_ref', 'r.source_ref')
        .select('r.target_key', 'r.type', 'e.kind', 'e.namespace', 'e.name')
        .whereIn('r.target_key', part);
      for (const r of incoming) {
        const inverse = INVERSE_RELATIONS[r.type as string];
        if (!inverse) continue;
        byRef.get(r.target_key)?.push({ type: inverse, targetRef: `${String(r.kind).toLowerCase()}:${r.namespace}/${r.name}` });
      }
    }
    return rows.map((r) => {
      const entity = JSON.parse(r.json) as Entity;
      // A pair like parent/children is often declared from both ends; show the edge once.
      const seen = new Set<string>();
      const relations = (byRef.get(r.ref) ?? []).filter((rel) => {
        const id = `${rel.type} ${rel.targetRef.toLocaleLowerCase('en-US')}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      relations.sort((a, b) => a.type.localeCompare(b.type) || a.targetRef.localeCompare(b.targetRef));
      return { ...entity, relations };
    });
  }

  private applyCondition(qb: Knex.QueryBuilder, condition: FilterCondition): void {
    const knex = this.knex;
    if (condition.key.startsWith('relations.')) {
      const type = RELATION_TYPES.get(condition.key.slice('relations.'.length)) ?? condition.key.slice('relations.'.length);
      const inverse = INVERSE_RELATIONS[type];
      const forward = knex('relations').select('source_ref').where('type', type);
      if (condition.values) forward.whereIn('target_key', condition.values);
      qb.where((w) => {
        w.whereIn('e.entity_ref', forward);
        if (inverse) {
          const backward = knex('relations').select('target_key').where('type', inverse);
          if (condition.values) backward.whereIn('source_ref', condition.values);
          w.orWhereIn('e.entity_ref', backward);
        }
      });
      return;
    }
    const sub = knex('entity_search').select('entity_ref').where('key', condition.key);
    if (condition.values) sub.whereIn('value', condition.values);
    qb.whereIn('e.entity_ref', sub);
  }

  /** `entities as e` narrowed by the filter and the free-text term. */
  private filtered(filter: EntityFilter, term?: string, termFields?: string[]): Knex.QueryBuilder {
    const qb = this.knex('entities as e');
    if (filter.length) {
      qb.where((outer) => {
        for (const group of filter) {
          outer.orWhere((inner) => {
            for (const condition of group) this.applyCondition(inner, condition);
          });
        }
      });
    }
    if (term && term.trim()) {
      const pattern = likePattern(term.trim());
      if (termFields?.length) {
        const sub = this.knex('entity_search')
          .select('entity_ref')
          .whereIn('key', termFields.map((f) => f.toLocaleLowerCase('en-US')))
          .whereRaw("value LIKE ? ESCAPE '\\'", [pattern]);
        qb.whereIn('e.entity_ref', sub);
      } else {
        qb.whereRaw("e.search_text LIKE ? ESCAPE '\\'", [pattern]);
      }
    }
    return qb;
  }

  async count(filter: EntityFilter, term?: string, termFields?: string[]): Promise<number> {
    const row = await this.filtered(filter, term, termFields).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async queryPage(query: EntityQuery): Promise<EntityPage> {
    const knex = this.knex;
    const orderKey = query.orderField.toLocaleLowerCase('en-US');
    const sortExpr =
      orderKey === 'metadata.name'
        ? knex.raw('e.name_lower')
        : knex.raw(
            "COALESCE((SELECT MIN(s.value) FROM entity_search s WHERE s.entity_ref = e.entity_ref AND s.key = ?), '')",
            [orderKey],
          );
    const inner = this.filtered(query.filter, query.term, query.termFields).select(
      'e.entity_ref',
      'e.entity_json',
      knex.raw('? as ov', [sortExpr]),
    );
    const flip = query.direction === 'prev';
    const ascending = (query.order === 'asc') !== flip;
    const outer = knex.from(inner.as('t')).select('entity_ref', 'entity_json', 'ov');
    if (query.bound) {
      const op = ascending ? '>' : '<';
      const [value, ref] = query.bound;
      outer.where((w) => w.where('ov', op, value).orWhere((x) => x.where('ov', value).andWhere('entity_ref', op, ref)));
    }
    const direction = ascending ? 'asc' : 'desc';
    outer.orderBy([
      { column: 'ov', order: direction },
      { column: 'entity_ref', order: direction },
    ]);
    outer.limit(query.limit + 1);
    const rows = (await outer) as { entity_ref: string; entity_json: string; ov: string | null }[];
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (flip) page.reverse();
    const entities = await this.withRelations(page.map((r) => ({ ref: r.entity_ref, json: r.entity_json })));
    return {
      rows: page.map((r, i) => ({ ref: r.entity_ref, entity: entities[i]!, sortValue: r.ov ?? '' })),
      hasMore,
    };
  }

  async facets(keys: string[], filter: EntityFilter): Promise<Record<string, { value: string; count: number }[]>> {
    const lowerKeys = keys.map((k) => k.toLocaleLowerCase('en-US'));
    const qb = this.knex('entity_search as s')
      .select('s.key', 's.value')
      .min({ original: 's.original_value' })
      .countDistinct({ n: 's.entity_ref' })
      .whereIn('s.key', lowerKeys)
      .whereNotNull('s.value')
      .groupBy('s.key', 's.value');
    if (filter.length) qb.whereIn('s.entity_ref', this.filtered(filter).select('e.entity_ref'));
    const rows = (await qb) as { key: string; value: string; original: string; n: number | string }[];
    const out: Record<string, { value: string; count: number }[]> = {};
    keys.forEach((key, i) => {
      out[key] = rows
        .filter((r) => r.key === lowerKeys[i])
        .map((r) => ({ value: r.original, count: Number(r.n) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    });
    return out;
  }
}
