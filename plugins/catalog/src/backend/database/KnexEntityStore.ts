import type { Knex } from 'knex';
import { INVERSE_RELATIONS, type Entity, type EntityRelation, type EntityStatusItem } from '@callboard/catalog-model';
import type { ProcessedEntity } from '../processing/processEntity.ts';
import { PROCESSING_STATUS_TYPE } from '../processing/processEntity.ts';
import { flattenEntity } from '../processing/flattenEntity.ts';
import { itemTermAlternatives, termHash } from '../processing/entityTerms.ts';
import { bulkInsert, bulkUpdateJsonColumn, copyBinary } from './bulkInsert.ts';
import { int8Field, textField } from './copyBinary.ts';
import { newEntityUid } from './entityUid.ts';
import type { FacetPair } from '../processing/entityTerms.ts';
import {
  ENTITY_COPY_COLUMNS,
  prepareRow,
  RELATION_COLUMNS,
  relationRowsOf,
  rowValuesOf,
  storedEntityJson,
  termsOf,
  termValuesOf,
  UNINDEXED_TERM_KEYS,
  ALWAYS_PRESENT_KEYS,
  withRowMetadata,
} from '../processing/entityRow.ts';
import type { FilterNode } from '../query/filterTree.ts';
import { COUNTED_FACET_KEYS, countsOfNewRows, keptFacetCounts, kindsOnly, recountLocation } from './facetCounts.ts';

export interface LocationWrite {
  entities: readonly ProcessedEntity[];
  /** Known entities that failed this time: keep their last good version, with these errors. */
  kept: ReadonlyMap<string, string[]>;
  /** Files that could not be read: every entity from them stays as it was. */
  keepSourceKeys: readonly string[];
  orphanStrategy: 'delete' | 'keep';
}

export interface LocationWriteResult {
  added: string[];
  changed: string[];
  removed: string[];
  orphaned: string[];
  unchanged: number;
  /** Entities this location emits that another location already owns. */
  conflicts: { ref: string; ownedBy: string }[];
}

export interface EntityQuery {
  filter?: FilterNode;
  term?: string;
  termFields?: string[];
  orderField: string;
  order: 'asc' | 'desc';
  limit: number;
  offset?: number;
  direction?: 'next' | 'prev';
  bound?: [string, string];
}

export interface EntityPage {
  /** Each entity as the JSON text the API serves, so a page need not be parsed and re-serialised. */
  rows: { ref: string; json: string; sortValue: string }[];
  /** Whether more rows exist beyond the page in the direction read. */
  hasMore: boolean;
}

interface StoredRow {
  entity_ref: string;
  entity_json: string;
  errors_json?: string | null;
  final_json?: string | null;
}

interface EntityRow {
  entity_ref: string;
  uid: string;
  location_key: string;
  hash: string;
  entity_json: string;
  errors_json: string | null;
  parent_ref: string | null;
  source_key: string | null;
}

const ORPHAN_ANNOTATION = 'backstage.io/orphan';

/** Scalars every entity has, kept (lowercased) in indexed columns of their own. */
const COLUMN_KEYS: Record<string, string> = {
  kind: 'e.kind_lower',
  'metadata.name': 'e.name_lower',
  'metadata.namespace': 'e.namespace',
  'metadata.uid': 'e.uid',
};
const RELATION_TYPES = new Map(Object.keys(INVERSE_RELATIONS).map((t) => [t.toLowerCase(), t] as const));
const lower = (s: string) => s.toLowerCase();

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function likeEscape(term: string): string {
  return lower(term).replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The catalog's entity tables. The only module of the catalog that speaks SQL about entities. */
export class KnexEntityStore {
  /**
   * Counts and facets are aggregates over the whole catalog, asked for again
   * and again with the same filters. They are kept until the catalog changes:
   * this process counts its own writes (`version`); on PostgreSQL every
   * replica also advances a sequence after each write (`generation`), read
   * at most every GENERATION_MS, so a replica notices the others' writes.
   */
  private readonly aggregates = new Map<string, { version: number; generation: string; value: Promise<unknown> }>();
  private version = 0;
  private generation: { at: number; value: Promise<string> } | undefined;
  private static readonly GENERATION_MS = 250;

  /**
   * Where (key, value) pairs are kept for filtering: on PostgreSQL as arrays
   * in the entity's row with a GIN index; on SQLite, which has no such index,
   * as rows of entity_search. Every query below has the two forms.
   */
  private readonly termsInRow: boolean;
  /** For what only PostgreSQL has: VACUUM, and the sequence replicas share. */
  private readonly onPostgres: boolean;

  private constructor(private readonly knex: Knex) {
    this.onPostgres = knex.client.config.client === 'pg';
    this.termsInRow = this.onPostgres;
  }

  static create(knex: Knex): KnexEntityStore {
    return new KnexEntityStore(knex);
  }

  /** Whether new rows are written from a PreparedRow's bytes (entityRow.ts), which worker threads can then make. */
  get writesPreparedRows(): boolean {
    return this.termsInRow;
  }

  /**
   * Makes the stored entities of one location match what it emits now, in
   * batches: new ones inserted, changed ones (by content hash) rewritten,
   * missing ones removed or marked as orphans. Untouched entities are not
   * written at all.
   */
  async replaceLocation(locationKey: string, write: LocationWrite): Promise<LocationWriteResult> {
    const result: LocationWriteResult = { added: [], changed: [], removed: [], orphaned: [], unchanged: 0, conflicts: [] };
    const affected = new Set<string>();
    this.touch();
    await this.retryDeadlock(() => this.knex.transaction(async (tx) => {
      // Entities are derived from their sources, and the next refresh writes
      // them again: a crash may lose the last fraction of a second of these
      // writes (in order, so the database stays consistent) rather than
      // every location's transaction waiting for its own disk flush.
      if (this.onPostgres) await tx.raw('SET LOCAL synchronous_commit TO off');
      affected.clear();
      Object.assign(result, { added: [], changed: [], removed: [], orphaned: [], unchanged: 0, conflicts: [] });
      const existing = new Map<string, Pick<EntityRow, 'entity_ref' | 'hash' | 'location_key' | 'uid' | 'source_key' | 'errors_json'>>();
      const load = async (q: Knex.QueryBuilder) => {
        for (const row of await q.select('entity_ref', 'hash', 'location_key', 'uid', 'source_key', 'errors_json')) {
          existing.set(row.entity_ref, row);
        }
      };
      await load(tx('entities').where('location_key', locationKey));
      const incomingRefs = write.entities.map((e) => e.ref).filter((ref) => !existing.has(ref));
      for (const part of chunks(incomingRefs, 500)) await load(tx('entities').whereIn('entity_ref', part));

      const seen = new Set<string>();
      const inserts: ProcessedEntity[] = [];
      const updates: { item: ProcessedEntity; uid: string }[] = [];
      for (const item of write.entities) {
        if (seen.has(item.ref)) continue; // a duplicate inside one location: the first wins
        const current = existing.get(item.ref);
        if (current && current.location_key !== locationKey) {
          result.conflicts.push({ ref: item.ref, ownedBy: current.location_key });
          continue;
        }
        seen.add(item.ref);
        if (!current) inserts.push(item);
        else if (current.hash !== item.hash) updates.push({ item, uid: current.uid });
        else result.unchanged++;
      }

      // Entities that failed this time keep their row; only their errors change.
      for (const [ref, errors] of write.kept) {
        const current = existing.get(ref);
        if (!current || current.location_key !== locationKey || seen.has(ref)) continue;
        seen.add(ref);
        const errorsJson = JSON.stringify(errors.map((message) => ({ level: 'error', message })));
        if (current.errors_json !== errorsJson) {
          await tx('entities').where('entity_ref', ref).update({ errors_json: errorsJson, final_json: null });
          result.changed.push(ref);
        } else result.unchanged++;
      }
      const keepSources = new Set(write.keepSourceKeys);
      for (const row of existing.values()) {
        if (row.location_key === locationKey && row.source_key && keepSources.has(row.source_key)) seen.add(row.entity_ref);
      }

      const now = Date.now();
      const rowOf = (item: ProcessedEntity, uid: string) => {
        // SQLite keeps the terms as rows of entity_search; PostgreSQL in the row.
        const search = this.termsInRow ? [] : flattenEntity(withRowMetadata(item, uid));
        const row = {
          ...rowValuesOf(item),
          ...(this.termsInRow ? termValuesOf(termsOf(item)) : {}),
          uid,
          location_key: locationKey,
          entity_json: storedEntityJson(item, uid),
          updated_at: now,
        };
        return { search, row };
      };

      const changedRefs = updates.map((u) => u.item.ref);
      const goneRefs = [...existing.values()].filter((r) => r.location_key === locationKey && !seen.has(r.entity_ref)).map((r) => r.entity_ref);
      // Entities whose served JSON shows these ones (through a relation, or a missing target) must be rebuilt too.
      // While a held refresh fills an empty catalog, whatever points at a new
      // entity was itself written during the hold and awaits its rebuild.
      const appearing = this.fillingEmpty ? goneRefs : [...inserts.map((i) => i.ref), ...goneRefs];
      const neighbours = await this.neighboursOf(tx, [...changedRefs, ...goneRefs], appearing);
      // Their served JSON is now out of date: until it is rebuilt they are
      // assembled on read, like the entities written here. Sorted, so two
      // locations touching the same neighbours lock them in the same order.
      const stale = [...neighbours].sort();
      for (const part of chunks(stale, 500)) {
        await tx('entities').whereIn('entity_ref', part).whereNotNull('final_json').update({ final_json: null });
      }
      for (const part of chunks(changedRefs, 500)) {
        if (!this.termsInRow) await tx('entity_search').whereIn('entity_ref', part).delete();
        await tx('relations').whereIn('source_ref', part).delete();
      }
      const rewritten = updates.map(({ item, uid }) => ({ item, ...rowOf(item, uid) }));
      for (const { item, row } of rewritten) {
        // Until its rebuild lands, readers assemble it from the parts just written.
        await tx('entities').where('entity_ref', item.ref).update({ ...row, final_json: null });
      }
      let newFacets: { kind_lower: string; facets: readonly FacetPair[] }[] = [];
      if (this.termsInRow) {
        // New rows in COPY's binary format: most were prepared by the worker
        // thread that processed them, uid included (entityRow.ts); only the
        // location and the time are added here, the same bytes for each row.
        const prepared = inserts.map((item) => item.prepared ?? prepareRow(item, newEntityUid(now)));
        const rowEnd = Buffer.from(textField(locationKey) + int8Field(now), 'latin1');
        if (inserts.length) await copyBinary(tx, 'entities', ENTITY_COPY_COLUMNS, prepared.flatMap((p) => [p.row, rowEnd]));
        const relationRows = [...prepared.map((p) => p.relations), ...rewritten.map(({ item }) => Buffer.from(relationRowsOf(item), 'latin1'))];
        if (relationRows.some((r) => r.length > 0)) await copyBinary(tx, 'relations', RELATION_COLUMNS, relationRows);
        newFacets = inserts.map((item, i) => ({ kind_lower: item.ref.slice(0, item.ref.indexOf(':')), facets: prepared[i]!.facets }));
      } else {
        const built = inserts.map((item) => ({ item, ...rowOf(item, newEntityUid(now)) }));
        await bulkInsert(tx, 'entities', built.map((b) => b.row));
        const all = [...built, ...rewritten];
        const searchRows = all.flatMap(({ item, search }) =>
          search.map((r) => ({ entity_ref: item.ref, key: r.key, value: r.value ?? null, original_value: r.original ?? null })),
        );
        await bulkInsert(tx, 'entity_search', searchRows);
        const relationRows = all.flatMap(({ item }) =>
          item.relations.map((r) => ({ source_ref: item.ref, type: r.type, target_ref: r.targetRef, target_key: lower(r.targetRef) })),
        );
        await bulkInsert(tx, 'relations', relationRows);
      }
      result.added.push(...inserts.map((i) => i.ref));
      result.changed.push(...changedRefs);

      const gone = [...existing.values()].filter((r) => r.location_key === locationKey && !seen.has(r.entity_ref));
      if (write.orphanStrategy === 'keep') {
        for (const row of gone) {
          const stored = await tx('entities').select('entity_json').where('entity_ref', row.entity_ref).first();
          const entity = JSON.parse(stored.entity_json as string) as Entity;
          if (entity.metadata.annotations?.[ORPHAN_ANNOTATION] === 'true') {
            result.unchanged++;
            continue;
          }
          entity.metadata.annotations = { ...entity.metadata.annotations, [ORPHAN_ANNOTATION]: 'true' };
          await tx('entities')
            .where('entity_ref', row.entity_ref)
            .update({ entity_json: JSON.stringify(entity), hash: `orphan-${row.hash}`.slice(0, 64), final_json: null });
          const key = `metadata.annotations.${ORPHAN_ANNOTATION}`;
          if (this.termsInRow) {
            await tx('entities')
              .where('entity_ref', row.entity_ref)
              .update({
                search_terms: tx.raw('search_terms || ?::text[]', [[key, `${key}=true`] as unknown as string]),
                search_originals: tx.raw('search_originals || ?::text[]', [[`${key}=true`] as unknown as string]),
                search_hashes: tx.raw('search_hashes || ?::int4[]', [[key, `${key}=true`].map(termHash) as unknown as string]),
              });
          } else {
            await tx('entity_search').insert([{ entity_ref: row.entity_ref, key, value: 'true', original_value: 'true' }]);
          }
          result.orphaned.push(row.entity_ref);
        }
      } else {
        await this.deleteRefs(tx, gone.map((r) => r.entity_ref));
        result.removed.push(...gone.map((r) => r.entity_ref));
      }

      if (this.termsInRow && (inserts.length || updates.length || gone.length)) {
        const hadRows = [...existing.values()].some((r) => r.location_key === locationKey);
        if (hadRows) await recountLocation(tx, locationKey);
        else await bulkInsert(tx, 'entity_facet_counts', countsOfNewRows(locationKey, newFacets));
      }

      for (const ref of [...result.added, ...result.changed, ...result.orphaned, ...neighbours]) affected.add(ref);
      for (const item of [...inserts, ...updates.map((u) => u.item)]) for (const r of item.relations) affected.add(lower(r.targetRef));
      for (const ref of result.removed) affected.delete(ref);
    }));
    this.scheduleRebuild(affected);
    if (result.added.length || result.changed.length || result.removed.length || result.orphaned.length) await this.announceWrite();
    return result;
  }

  private async deleteRefs(tx: Knex, refs: readonly string[]): Promise<void> {
    for (const part of chunks(refs, 500)) {
      if (!this.termsInRow) await tx('entity_search').whereIn('entity_ref', part).delete();
      await tx('relations').whereIn('source_ref', part).delete();
      await tx('entities').whereIn('entity_ref', part).delete();
    }
  }

  /**
   * Entities whose served JSON mentions these: the targets of their current
   * relations (`changing`), and the sources of relations pointing at entities
   * that appear or disappear (`appearing`), whose missing-target warnings change.
   */
  private async neighboursOf(tx: Knex, changing: readonly string[], appearing: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks(changing, 500)) {
      for (const r of await tx('relations').select('target_key').whereIn('source_ref', part)) out.add(r.target_key as string);
    }
    for (const part of chunks(appearing, 500)) {
      for (const r of await tx('relations').select('source_ref').whereIn('target_key', part)) out.add(r.source_ref as string);
    }
    return out;
  }

  /**
   * A location's transaction writes only its own entities, and one background
   * worker rebuilds the served JSON of their neighbours; the two may still
   * meet on a row in opposite orders, and PostgreSQL then aborts one of them.
   * That one is simply run again.
   */
  private async retryDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= attempts) throw error;
      }
    }
  }

  private readonly pendingRebuild = new Set<string>();
  private rebuilding: Promise<void> | undefined;
  private holds = 0;
  /** The catalog was empty when the current hold began (a first load). */
  private fillingEmpty = false;

  /**
   * Defers rebuilds until the returned release is called: during a refresh
   * of many locations, rebuilding as they land would compete with the load
   * for the same two resources (this process and the database) and redo
   * entities that a later location touches again.
   */
  async holdRebuilds(): Promise<() => void> {
    if (this.holds++ === 0) this.fillingEmpty = !(await this.knex('entities').select('entity_ref').first());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0) this.fillingEmpty = false;
      this.scheduleRebuild([]);
    };
  }

  /**
   * Served JSON is rebuilt in the background, after the write committed and
   * one batch at a time, so each batch reads every write committed before it.
   * Until then those entities are assembled on read, so nothing is ever stale;
   * a bulk load finishes sooner and warms this afterwards.
   */
  private scheduleRebuild(refs: Iterable<string>): void {
    for (const ref of refs) this.pendingRebuild.add(ref);
    if (this.holds > 0 || this.rebuilding || this.pendingRebuild.size === 0) return;
    this.rebuilding = (async () => {
      // Yield first, so `rebuilding` is assigned before the finally below can clear it.
      await Promise.resolve();
      try {
        let rebuilt = 0;
        while (this.pendingRebuild.size && this.holds === 0) {
          // Taken from the front of the set: copying the whole set per batch is quadratic on a bulk load.
          const batch: string[] = [];
          for (const ref of this.pendingRebuild) {
            batch.push(ref);
            if (batch.length === 500) break;
          }
          for (const ref of batch) this.pendingRebuild.delete(ref);
          await this.retryDeadlock(() => this.rebuildFinal(this.knex, batch));
          rebuilt += batch.length;
        }
        // Rewriting served JSON leaves a dead row version per entity: after a
        // large rebuild, vacuum now rather than when autovacuum happens to
        // run, perhaps under load.
        if (rebuilt >= 10_000) await this.analyze({ vacuum: true });
      } catch {
        // The rows stay without served JSON and are assembled on read; the next write retries.
        this.pendingRebuild.clear();
      } finally {
        this.rebuilding = undefined;
      }
    })();
  }

  /** Entities whose served JSON is still to be rebuilt (they are assembled on read meanwhile). */
  get pendingRebuilds(): number {
    return this.pendingRebuild.size + (this.rebuilding ? 1 : 0);
  }

  /** Resolves when every scheduled rebuild has run, for callers that want the warm path at once. */
  async settled(): Promise<void> {
    while (this.rebuilding) await this.rebuilding;
  }

  /** Rebuilds the served JSON of these entities from their stored parts. */
  private async rebuildFinal(tx: Knex, refs: readonly string[]): Promise<void> {
    for (const part of chunks(refs, 500)) {
      const rows = (await tx('entities').select('entity_ref', 'entity_json', 'errors_json').whereIn('entity_ref', part)) as {
        entity_ref: string;
        entity_json: string;
        errors_json: string | null;
      }[];
      if (rows.length === 0) continue;
      const relations = await this.relationsOf(rows.map((r) => r.entity_ref), { withMissing: true }, tx);
      const entities = this.assemble(rows, relations);
      await bulkUpdateJsonColumn(
        tx,
        'entities',
        'entity_ref',
        'final_json',
        rows.map((r, i) => [r.entity_ref, entities[i]]),
      );
    }
  }

  /** Everything a location owns goes (or becomes orphaned) with it. */
  async removeLocationEntities(locationKey: string, orphanStrategy: 'delete' | 'keep'): Promise<LocationWriteResult> {
    return this.replaceLocation(locationKey, { entities: [], kept: new Map(), keepSourceKeys: [], orphanStrategy });
  }

  async deleteByUid(uid: string): Promise<string | undefined> {
    const row = await this.knex('entities').select('entity_ref', 'location_key').where('uid', uid).first();
    if (!row) return undefined;
    let neighbours = new Set<string>();
    await this.retryDeadlock(() => this.knex.transaction(async (tx) => {
      neighbours = await this.neighboursOf(tx, [row.entity_ref], [row.entity_ref]);
      neighbours.delete(row.entity_ref);
      await this.deleteRefs(tx, [row.entity_ref]);
      if (this.termsInRow) await recountLocation(tx, row.location_key);
    }));
    this.scheduleRebuild(neighbours);
    await this.announceWrite();
    return row.entity_ref as string;
  }

  async refByUid(uid: string): Promise<string | undefined> {
    const row = await this.knex('entities').select('entity_ref').where('uid', uid).first();
    return row?.entity_ref as string | undefined;
  }

  async locationKeyOf(ref: string): Promise<string | undefined> {
    const row = await this.knex('entities').select('location_key').where('entity_ref', lower(ref)).first();
    return row?.location_key as string | undefined;
  }

  async countByLocation(): Promise<Map<string, number>> {
    const rows = (await this.knex('entities').select('location_key').count({ n: '*' }).groupBy('location_key')) as {
      location_key: string;
      n: number | string;
    }[];
    return new Map(rows.map((r) => [r.location_key, Number(r.n)]));
  }

  /** One entity with its relations and its status: stored problems plus references to missing entities. */
  /** One entity as served: relations in both directions, and its status with references to missing entities. */
  async getByRef(ref: string): Promise<Entity | undefined> {
    const key = lower(ref);
    const row = await this.knex('entities').select('entity_ref', 'entity_json', 'errors_json', 'final_json').where('entity_ref', key).first();
    if (!row) return undefined;
    const [entity] = await this.hydrate([row]);
    return entity;
  }

  /**
   * An entity as served JSON text. A warm entity's is stored, and goes out
   * without being parsed and serialised again; only a cold one (written but
   * not yet rebuilt) is assembled.
   */
  async getJsonByRef(ref: string): Promise<string | undefined> {
    const row = (await this.knex('entities').select('final_json').where('entity_ref', lower(ref)).first()) as { final_json: string | null } | undefined;
    if (!row) return undefined;
    if (row.final_json) return row.final_json;
    const entity = await this.getByRef(ref);
    return entity && JSON.stringify(entity);
  }

  /** Entities for refs, in the same order, undefined where missing or filtered out. */
  async getByRefs(refs: readonly string[], filter?: FilterNode): Promise<(Entity | undefined)[]> {
    const keys = refs.map(lower);
    const found = new Map<string, Entity>();
    for (const part of chunks([...new Set(keys)], 500)) {
      const qb = this.filtered(filter).select('e.entity_ref', 'e.entity_json', 'e.errors_json', 'e.final_json').whereIn('e.entity_ref', part);
      const rows = await qb;
      const entities = await this.hydrate(rows);
      rows.forEach((r: { entity_ref: string }, i: number) => found.set(r.entity_ref, entities[i]!));
    }
    return keys.map((k) => found.get(k));
  }

  /** The chain of Location entities that led to an entity, nearest first. */
  async ancestry(ref: string): Promise<{ entity: Entity; parentEntityRefs: string[] }[] | undefined> {
    const items: { entity: Entity; parentEntityRefs: string[] }[] = [];
    const seen = new Set<string>();
    let key: string | undefined = lower(ref);
    while (key && !seen.has(key)) {
      seen.add(key);
      const row: (StoredRow & { parent_ref: string | null }) | undefined = await this.knex('entities').select('entity_ref', 'entity_json', 'errors_json', 'final_json', 'parent_ref').where('entity_ref', key).first();
      if (!row) break;
      const [entity] = await this.hydrate([row]);
      items.push({ entity: entity!, parentEntityRefs: row.parent_ref ? [row.parent_ref as string] : [] });
      key = row.parent_ref ? lower(row.parent_ref as string) : undefined;
    }
    return items.length ? items : undefined;
  }

  /**
   * Every relation touching these entities, in both directions, in one round
   * trip: stored edges as declared, and the inverse of edges pointing at them.
   */
  private async relationsOf(
    refs: readonly string[],
    options: { withMissing?: boolean } = {},
    db: Knex = this.knex,
  ): Promise<{ byRef: Map<string, EntityRelation[]>; missing: Map<string, EntityRelation[]> }> {
    const byRef = new Map<string, EntityRelation[]>(refs.map((r) => [r, []]));
    const missing = new Map<string, EntityRelation[]>();
    for (const part of chunks(refs, 500)) {
      const outgoing = db('relations as r')
        .select(
          db.raw("'out' as dir"),
          'r.source_ref as owner',
          'r.type',
          'r.target_ref as other',
          options.withMissing ? db.raw('CASE WHEN t.entity_ref IS NULL THEN 1 ELSE 0 END as missing') : db.raw('0 as missing'),
        )
        .whereIn('r.source_ref', part);
      if (options.withMissing) outgoing.leftJoin('entities as t', 't.entity_ref', 'r.target_key');
      const incoming = db('relations as r')
        .join('entities as e', 'e.entity_ref', 'r.source_ref')
        .select(
          db.raw("'in' as dir"),
          'r.target_key as owner',
          'r.type',
          db.raw("e.kind || ':' || e.namespace || '/' || e.name as other"),
          db.raw('0 as missing'),
        )
        .whereIn('r.target_key', part);
      const rows = (await outgoing.unionAll(incoming)) as { dir: string; owner: string; type: string; other: string; missing: number | string }[];
      for (const r of rows) {
        if (r.dir === 'out') {
          byRef.get(r.owner)?.push({ type: r.type, targetRef: r.other });
          if (Number(r.missing)) missing.set(r.owner, [...(missing.get(r.owner) ?? []), { type: r.type, targetRef: r.other }]);
        } else {
          const inverse = INVERSE_RELATIONS[r.type];
          if (!inverse) continue;
          const colon = r.other.indexOf(':');
          byRef.get(r.owner)?.push({ type: inverse, targetRef: `${r.other.slice(0, colon).toLowerCase()}${r.other.slice(colon)}` });
        }
      }
    }
    return { byRef, missing };
  }

  /** Entities as served: the stored final JSON, or (for rows not rebuilt yet) assembled now. */
  private async hydrate(rows: StoredRow[]): Promise<Entity[]> {
    const missing = rows.filter((r) => !r.final_json);
    const assembled = new Map<string, Entity>();
    if (missing.length) {
      const relations = await this.relationsOf(missing.map((r) => r.entity_ref), { withMissing: true });
      this.assemble(missing, relations).forEach((e, i) => assembled.set(missing[i]!.entity_ref, e));
    }
    return rows.map((r) => (r.final_json ? (JSON.parse(r.final_json) as Entity) : assembled.get(r.entity_ref)!));
  }

  /** The served JSON text of rows, without parsing what is already stored as text. */
  private async servedJson(rows: StoredRow[]): Promise<string[]> {
    const missing = rows.filter((r) => !r.final_json);
    const assembled = new Map<string, string>();
    if (missing.length) {
      const entities = await this.hydrate(missing);
      entities.forEach((e, i) => assembled.set(missing[i]!.entity_ref, JSON.stringify(e)));
    }
    return rows.map((r) => r.final_json ?? assembled.get(r.entity_ref)!);
  }

  private assemble(
    rows: { entity_ref: string; entity_json: string; errors_json?: string | null }[],
    relations: { byRef: Map<string, EntityRelation[]>; missing?: Map<string, EntityRelation[]> },
  ): Entity[] {
    return rows.map((r) => {
      const entity = JSON.parse(r.entity_json) as Entity;
      // A pair like parent/children is often declared from both ends; show the edge once.
      const seen = new Set<string>();
      const list = (relations.byRef.get(r.entity_ref) ?? []).filter((rel) => {
        const id = `${rel.type} ${lower(rel.targetRef)}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      list.sort((a, b) => a.type.localeCompare(b.type) || a.targetRef.localeCompare(b.targetRef));
      const errors = r.errors_json ? (JSON.parse(r.errors_json) as { level: EntityStatusItem['level']; message: string }[]) : [];
      const items: EntityStatusItem[] = errors.map((e) => ({ type: PROCESSING_STATUS_TYPE, level: e.level, message: e.message }));
      for (const m of relations.missing?.get(r.entity_ref) ?? []) {
        items.push({
          type: PROCESSING_STATUS_TYPE,
          level: 'warning',
          message: `The ${m.type} relation points at ${m.targetRef}, which is not in the catalog. Check the spelling, or register the entity that defines it.`,
        });
      }
      const out: Entity = { ...entity, relations: list };
      if (items.length) out.status = { items };
      return out;
    });
  }

  private applyMatch(qb: Knex.QueryBuilder, node: Extract<FilterNode, { op: 'match' }>): void {
    const knex = this.knex;
    if (node.key.startsWith('relations.')) {
      const raw = node.key.slice('relations.'.length);
      const type = RELATION_TYPES.get(raw) ?? raw;
      const inverse = INVERSE_RELATIONS[type];
      const forward = knex('relations').select('source_ref').where('type', type);
      if (node.values) forward.whereIn('target_key', node.values);
      if (node.prefix) forward.whereRaw("target_key LIKE ? ESCAPE '\\'", [`${likeEscape(node.prefix)}%`]);
      qb.where((w) => {
        w.whereIn('e.entity_ref', forward);
        if (inverse) {
          const backward = knex('relations').select('target_key').where('type', inverse);
          if (node.values) backward.whereIn('source_ref', node.values);
          if (node.prefix) backward.whereRaw("source_ref LIKE ? ESCAPE '\\'", [`${likeEscape(node.prefix)}%`]);
          w.orWhereIn('e.entity_ref', backward);
        }
      });
      return;
    }
    // Every entity has metadata, (nearly always) a spec and the keys of
    // ALWAYS_PRESENT_KEYS: no terms are kept for their existence. An explicit
    // TRUE, so that `$not` of it matches nothing.
    if (!node.values && !node.prefix && (node.key === 'metadata' || node.key === 'spec' || ALWAYS_PRESENT_KEYS.has(node.key))) {
      qb.whereRaw('TRUE');
      return;
    }
    const column = COLUMN_KEYS[node.key];
    if (column) {
      if (node.values) qb.whereIn(column, node.values);
      else if (node.prefix) qb.whereRaw(`${column} LIKE ? ESCAPE '\\'`, [`${likeEscape(node.prefix)}%`]);
      return;
    }
    if (this.termsInRow) {
      // The GIN index holds the terms' hashes (termHash, migration 12): the hash finds
      // the rows of a rare value, the text on the row confirms each one. When
      // walking a page of entities in name order, both are checked on the row.
      if (node.values) {
        const terms = node.values.map((v) => `${node.key}=${v}`);
        if (terms.length === 1) this.whereTerms(qb, '@>', terms);
        else this.whereTerms(qb, '&&', terms);
      } else if (node.prefix) {
        qb.whereRaw("EXISTS (SELECT 1 FROM unnest(e.search_terms) t WHERE t LIKE ? ESCAPE '\\')", [`${likeEscape(node.key)}=${likeEscape(node.prefix)}%`]);
      } else {
        this.whereTerms(qb, '@>', [node.key]);
      }
      return;
    }
    // EXISTS on (entity_ref, key, value) lets the planner either walk the
    // entities in the requested order and probe the index per row (cheap for a
    // page of a common filter) or start from the matching rows (for a rare one).
    qb.whereExists((sub) => {
      sub.select(knex.raw('1')).from('entity_search as s').whereRaw('s.entity_ref = e.entity_ref').andWhere('s.key', node.key);
      if (node.values) sub.whereIn('s.value', node.values);
      if (node.prefix) sub.whereRaw("s.value LIKE ? ESCAPE '\\'", [`${likeEscape(node.prefix)}%`]);
    });
  }

  /**
   * All (@>) or any (&&) of these terms, through the hashed GIN index and
   * confirmed on the text. Terms made by an array item have no index entry of
   * their own (searchTermsOf), so each term is looked up with its alternatives.
   */
  private whereTerms(qb: Knex.QueryBuilder, op: '@>' | '&&', terms: string[]): void {
    const hashesOf = (list: string[]) => list.flatMap(itemTermAlternatives).map(termHash) as unknown as string;
    if (op === '&&') {
      qb.whereRaw('e.search_hashes && ?::int4[] AND e.search_terms && ?::text[]', [hashesOf(terms), terms as unknown as string]);
      return;
    }
    for (const term of terms) qb.whereRaw('e.search_hashes && ?::int4[]', [hashesOf([term])]);
    qb.whereRaw('e.search_terms @> ?::text[]', [terms as unknown as string]);
  }

  private applyNode(qb: Knex.QueryBuilder, node: FilterNode): void {
    switch (node.op) {
      case 'match':
        this.applyMatch(qb, node);
        return;
      case 'not':
        qb.whereNot((w) => this.applyNode(w, node.node));
        return;
      case 'all':
        for (const child of node.nodes) qb.where((w) => this.applyNode(w, child));
        return;
      case 'any':
        if (node.nodes.length === 0) {
          qb.whereRaw('1 = 0');
          return;
        }
        qb.where((w) => {
          for (const child of node.nodes) w.orWhere((x) => this.applyNode(x, child));
        });
    }
  }

  /** `entities as e` narrowed by the filter and the free-text term. */
  private filtered(filter?: FilterNode, term?: string, termFields?: string[]): Knex.QueryBuilder {
    const qb = this.knex('entities as e');
    if (filter) qb.where((w) => this.applyNode(w, filter));
    if (term && term.trim()) {
      const pattern = `%${likeEscape(term.trim())}%`;
      if (termFields?.length && this.termsInRow) {
        const fields = termFields.map(lower);
        const patterns = fields.filter((f) => !UNINDEXED_TERM_KEYS.has(f)).map((f) => `${likeEscape(f)}=${pattern}`);
        qb.where((w) => {
          for (const f of fields) if (UNINDEXED_TERM_KEYS.has(f)) w.orWhereRaw(`${COLUMN_KEYS[f]} LIKE ? ESCAPE '\\'`, [pattern]);
          if (patterns.length) w.orWhereRaw('EXISTS (SELECT 1 FROM unnest(e.search_terms) t WHERE t LIKE ANY (?::text[]))', [patterns as unknown as string]);
        });
      } else if (termFields?.length) {
        const sub = this.knex('entity_search')
          .select('entity_ref')
          .whereIn('key', termFields.map(lower))
          .whereRaw("value LIKE ? ESCAPE '\\'", [pattern]);
        qb.whereIn('e.entity_ref', sub);
      } else {
        qb.whereRaw("e.search_text LIKE ? ESCAPE '\\'", [pattern]);
      }
    }
    return qb;
  }

  /**
   * Refreshes the planner's statistics after a large change (PostgreSQL;
   * SQLite plans well without). `vacuum` also clears dead row versions and
   * marks pages all-visible, so index-only scans skip the heap; it is worth
   * it once the served JSON has been rewritten, not before.
   */
  async analyze(options: { vacuum?: boolean } = {}): Promise<void> {
    if (!this.onPostgres) return;
    // One connection each: the two tables are sampled at the same time, on two cores.
    await Promise.all(['entities', 'relations'].map((table) => this.knex.raw(`${options.vacuum ? 'VACUUM ' : ''}ANALYZE ${table}`)));
  }

  /** How many writes every replica has made, as far as this one knows (PostgreSQL; always '' on SQLite). */
  private currentGeneration(): Promise<string> {
    if (!this.onPostgres) return Promise.resolve('');
    const now = Date.now();
    if (!this.generation || now - this.generation.at >= KnexEntityStore.GENERATION_MS) {
      const value = this.knex
        .raw('SELECT last_value FROM catalog_writes')
        .then((r: { rows: { last_value: string }[] }) => String(r.rows[0]?.last_value ?? ''));
      value.catch(() => {
        this.generation = undefined;
      });
      this.generation = { at: now, value };
    }
    return this.generation.value;
  }

  private async cachedAggregate<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = this.version;
    const generation = await this.currentGeneration();
    const hit = this.aggregates.get(key);
    if (hit && hit.version === version && hit.generation === generation) return hit.value as Promise<T>;
    // Callers asking at the same time share one computation.
    const value = compute();
    this.aggregates.set(key, { version, generation, value });
    value.catch(() => this.aggregates.delete(key));
    if (this.aggregates.size > 500) this.aggregates.delete(this.aggregates.keys().next().value!);
    return value;
  }

  /** Called around every write this process makes: cached aggregates are no longer valid. */
  private touch(): void {
    this.version++;
  }

  /** After a committed write: tells the other replicas (PostgreSQL) that their aggregates are stale. */
  private async announceWrite(): Promise<void> {
    this.touch();
    if (!this.onPostgres) return;
    await this.knex.raw("SELECT nextval('catalog_writes')");
    this.generation = undefined;
  }

  async count(filter?: FilterNode, term?: string, termFields?: string[]): Promise<number> {
    return this.cachedAggregate(`count ${JSON.stringify([filter, term, termFields])}`, async () => {
      const row = await this.filtered(filter, term, termFields).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    });
  }

  async queryPage(query: EntityQuery): Promise<EntityPage> {
    const knex = this.knex;
    const orderKey = lower(query.orderField);
    const flip = query.direction === 'prev';
    const ascending = (query.order === 'asc') !== flip;
    const direction = ascending ? 'asc' : 'desc';
    const op = ascending ? '>' : '<';
    let rows: { entity_ref: string; ov: string | null; entity_json?: string; errors_json?: string | null; final_json?: string | null }[];
    if (orderKey === 'metadata.name') {
      // The common case reads only the narrow index columns, in index order,
      // and stops after a page; the JSON is fetched for that page alone.
      const qb = this.filtered(query.filter, query.term, query.termFields).select(
        'e.entity_ref',
        'e.name_lower as ov',
        'e.entity_json',
        'e.errors_json',
        'e.final_json',
      );
      if (query.bound) qb.whereRaw(`(e.name_lower, e.entity_ref) ${op} (?, ?)`, query.bound);
      qb.orderBy([
        { column: 'e.name_lower', order: direction },
        { column: 'e.entity_ref', order: direction },
      ]);
      if (query.offset) qb.offset(query.offset);
      rows = await qb.limit(query.limit + 1);
    } else {
      const sortExpr = COLUMN_KEYS[orderKey]
        ? knex.raw(COLUMN_KEYS[orderKey])
        : this.termsInRow
        ? knex.raw("COALESCE((SELECT MIN(substr(t, ?)) FROM unnest(e.search_terms) t WHERE t LIKE ? ESCAPE '\\'), '')", [
            orderKey.length + 2,
            `${likeEscape(orderKey)}=%`,
          ])
        : knex.raw("COALESCE((SELECT MIN(s.value) FROM entity_search s WHERE s.entity_ref = e.entity_ref AND s.key = ?), '')", [orderKey]);
      const inner = this.filtered(query.filter, query.term, query.termFields).select('e.entity_ref', knex.raw('? as ov', [sortExpr]));
      const outer = knex.from(inner.as('t')).select('entity_ref', 'ov');
      if (query.bound) outer.whereRaw(`(ov, entity_ref) ${op} (?, ?)`, query.bound);
      outer.orderBy([
        { column: 'ov', order: direction },
        { column: 'entity_ref', order: direction },
      ]);
      if (query.offset) outer.offset(query.offset);
      rows = await outer.limit(query.limit + 1);
    }
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (flip) page.reverse();
    // The name-ordered path read the JSON with the page; the other path fetches it now.
    const stored = new Map<string, StoredRow>();
    for (const r of page) if (r.entity_json !== undefined) stored.set(r.entity_ref, r as StoredRow);
    const missing = page.filter((r) => !stored.has(r.entity_ref)).map((r) => r.entity_ref);
    for (const part of chunks(missing, 500)) {
      for (const row of await knex('entities').select('entity_ref', 'entity_json', 'errors_json', 'final_json').whereIn('entity_ref', part)) {
        stored.set(row.entity_ref, row);
      }
    }
    const present = page.filter((r) => stored.has(r.entity_ref));
    const json = await this.servedJson(present.map((r) => stored.get(r.entity_ref)!));
    return { rows: present.map((r, i) => ({ ref: r.entity_ref, json: json[i]!, sortValue: r.ov ?? '' })), hasMore };
  }

  async facets(keys: string[], filter?: FilterNode): Promise<Record<string, { value: string; count: number }[]>> {
    return this.cachedAggregate(`facets ${JSON.stringify([keys, filter])}`, () => this.computeFacets(keys, filter));
  }

  private async computeFacets(keys: string[], filter?: FilterNode): Promise<Record<string, { value: string; count: number }[]>> {
    const lowerKeys = keys.map(lower);
    if (this.termsInRow) return this.computeFacetsFromTerms(keys, lowerKeys, filter);
    const qb = this.knex('entity_search as s')
      .select('s.key', 's.value')
      .min({ original: 's.original_value' })
      // flattenEntity emits each (key, value) once per entity, so a plain count is a count of entities.
      .count({ n: '*' })
      .whereIn('s.key', lowerKeys)
      .whereNotNull('s.value')
      .groupBy('s.key', 's.value');
    if (filter) qb.whereIn('s.entity_ref', this.filtered(filter).select('e.entity_ref'));
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

  /**
   * Facets from the terms: counts from the lowercased terms, labels from the
   * few originals that differ from them (the lowercased value otherwise).
   * Values with columns of their own (name, uid) are counted from those.
   */
  private async computeFacetsFromTerms(
    keys: string[],
    lowerKeys: string[],
    filter?: FilterNode,
  ): Promise<Record<string, { value: string; count: number }[]>> {
    const knex = this.knex;
    const patterns = lowerKeys.filter((k) => !UNINDEXED_TERM_KEYS.has(k)).map((k) => `${likeEscape(k)}=%`);
    const rows: { term: string; n: number | string }[] = [];
    const labels = new Map<string, string>();
    const kinds = kindsOnly(filter);
    if (kinds && lowerKeys.every((k) => COUNTED_FACET_KEYS.has(k))) {
      for (const r of await keptFacetCounts(knex, lowerKeys, kinds)) {
        rows.push(r);
        if (r.label) labels.set(r.term, r.label);
      }
    } else if (patterns.length) {
      const counts = this.filtered(filter)
        .joinRaw('CROSS JOIN LATERAL unnest(e.search_terms) AS t(term)')
        .whereRaw('t.term LIKE ANY (?::text[])', [patterns as unknown as string])
        .select('t.term')
        .count({ n: '*' })
        .groupBy('t.term');
      const originals = this.filtered(filter)
        .joinRaw('CROSS JOIN LATERAL unnest(e.search_originals) AS o(term)')
        .whereRaw('o.term LIKE ANY (?::text[])', [patterns as unknown as string])
        .select(knex.raw('lower(o.term) AS term'))
        .min({ original: 'o.term' })
        .groupByRaw('lower(o.term)');
      const [counted, labelled] = await Promise.all([counts, originals]);
      rows.push(...(counted as { term: string; n: number | string }[]));
      for (const r of labelled as { term: string; original: string }[]) labels.set(r.term, r.original);
    }
    for (const key of new Set(lowerKeys.filter((k) => UNINDEXED_TERM_KEYS.has(k)))) {
      const column = COLUMN_KEYS[key]!;
      const source = key === 'metadata.name' ? 'e.name' : column;
      const byColumn = (await this.filtered(filter)
        .select(knex.raw(`? || '=' || ${column} AS term`, [key]), knex.raw(`min(? || '=' || ${source}) AS original`, [key]))
        .count({ n: '*' })
        .groupBy(column)) as { term: string; original: string; n: number | string }[];
      for (const r of byColumn) {
        rows.push(r);
        labels.set(r.term, r.original);
      }
    }
    const out: Record<string, { value: string; count: number }[]> = {};
    keys.forEach((key, i) => {
      const prefix = `${lowerKeys[i]}=`;
      out[key] = rows
        .filter((r) => r.term.startsWith(prefix))
        .map((r) => ({ value: (labels.get(r.term) ?? r.term).slice(prefix.length), count: Number(r.n) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    });
    return out;
  }
}
