import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

export interface LocationRow {
  id: string;
  type: string;
  target: string;
  source: 'config' | 'api' | 'provider';
  locationKey: string;
  options: Record<string, unknown>;
  createdAt: number;
}

export interface LocationState {
  lastError?: string;
  lastReadAt?: number;
  lastCommit?: string;
}

interface Row {
  id: string;
  type: string;
  target: string;
  source: LocationRow['source'];
  location_key: string;
  options_json: string | null;
  created_at: number | string;
}

const toLocation = (r: Row): LocationRow => ({
  id: r.id,
  type: r.type,
  target: r.target,
  source: r.source,
  locationKey: r.location_key,
  options: r.options_json ? (JSON.parse(r.options_json) as Record<string, unknown>) : {},
  createdAt: Number(r.created_at),
});

/** Configured locations get ids derived from their key, so every replica agrees on them. */
function stableId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Registered locations and what happened the last time each was read. */
export class KnexLocationStore {
  private constructor(private readonly knex: Knex) {}

  static create(knex: Knex): KnexLocationStore {
    return new KnexLocationStore(knex);
  }

  async list(): Promise<LocationRow[]> {
    return ((await this.knex('locations').select('*').orderBy('created_at').orderBy('id')) as Row[]).map(toLocation);
  }

  async get(id: string): Promise<LocationRow | undefined> {
    const row = (await this.knex('locations').where('id', id).first()) as Row | undefined;
    return row ? toLocation(row) : undefined;
  }

  async getByKey(locationKey: string): Promise<LocationRow | undefined> {
    const row = (await this.knex('locations').where('location_key', locationKey).first()) as Row | undefined;
    return row ? toLocation(row) : undefined;
  }

  /**
   * Makes the stored config and provider locations match the current config:
   * new ones added, removed ones returned so their entities can go too.
   */
  async syncConfigured(items: { type: string; target: string; source: 'config' | 'provider'; locationKey: string; options: Record<string, unknown> }[]): Promise<LocationRow[]> {
    const current = await this.knex('locations').whereIn('source', ['config', 'provider']).select('*');
    const wanted = new Set(items.map((i) => i.locationKey));
    const removed = (current as Row[]).filter((r) => !wanted.has(r.location_key)).map(toLocation);
    const now = Date.now();
    for (const item of items) {
      await this.knex('locations')
        .insert({
          id: stableId(item.locationKey),
          type: item.type,
          target: item.target,
          source: item.source,
          location_key: item.locationKey,
          options_json: JSON.stringify(item.options),
          created_at: now,
        })
        .onConflict('location_key')
        .merge(['options_json']);
    }
    if (removed.length) await this.knex('locations').whereIn('id', removed.map((r) => r.id)).delete();
    return removed;
  }

  async add(item: { type: string; target: string; locationKey: string; options?: Record<string, unknown> }): Promise<LocationRow> {
    const row = {
      id: randomUUID(),
      type: item.type,
      target: item.target,
      source: 'api' as const,
      location_key: item.locationKey,
      options_json: item.options && Object.keys(item.options).length ? JSON.stringify(item.options) : null,
      created_at: Date.now(),
    };
    await this.knex('locations').insert(row);
    return toLocation(row);
  }

  async update(id: string, item: { type: string; target: string; locationKey: string }): Promise<void> {
    await this.knex('locations').where('id', id).update({ type: item.type, target: item.target, location_key: item.locationKey });
  }

  async remove(id: string): Promise<void> {
    await this.knex('locations').where('id', id).delete();
  }

  async getState(locationKey: string): Promise<LocationState> {
    const row = await this.knex('location_state').where('location_key', locationKey).first();
    if (!row) return {};
    return {
      ...(row.last_error ? { lastError: row.last_error as string } : {}),
      ...(row.last_read_at ? { lastReadAt: Number(row.last_read_at) } : {}),
      ...(row.last_commit ? { lastCommit: row.last_commit as string } : {}),
    };
  }

  async allStates(): Promise<Map<string, LocationState>> {
    const rows = await this.knex('location_state').select('*');
    return new Map(
      rows.map((row) => [
        row.location_key as string,
        {
          ...(row.last_error ? { lastError: row.last_error as string } : {}),
          ...(row.last_read_at ? { lastReadAt: Number(row.last_read_at) } : {}),
          ...(row.last_commit ? { lastCommit: row.last_commit as string } : {}),
        },
      ]),
    );
  }

  async setState(locationKey: string, state: { lastError?: string | undefined; lastCommit?: string | undefined }): Promise<void> {
    const row: Record<string, unknown> = { location_key: locationKey, last_error: state.lastError ?? null, last_read_at: Date.now() };
    if (state.lastCommit !== undefined) row.last_commit = state.lastCommit;
    if (this.knex.client.config.client !== 'pg') {
      await this.knex('location_state').insert(row).onConflict('location_key').merge();
      return;
    }
    // As for the entities (KnexEntityStore.replaceLocation), without waiting
    // for the disk: a flush cost each location about 10 ms here. A crash can
    // lose only the latest commits, in order, so a commit kept here never
    // outlives the entity write it follows, and the next refresh reads again.
    await this.knex.transaction(async (tx) => {
      await tx.raw('SET LOCAL synchronous_commit TO off');
      await tx('location_state').insert(row).onConflict('location_key').merge();
    });
  }

  async clearState(locationKey: string): Promise<void> {
    await this.knex('location_state').where('location_key', locationKey).delete();
  }
}
