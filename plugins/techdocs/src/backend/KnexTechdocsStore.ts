import type { Knex } from 'knex';

export interface StoredSite {
  version: string;
  snapshot: string;
  checkedAt: number;
}

export interface StoredPage {
  cacheKey: string;
  /** The rendered page as JSON. */
  page: string;
  renderedAt: number;
}

/** The render cache: one row per site (its last scan) and one per rendered page. */
export class KnexTechdocsStore {
  private constructor(private readonly knex: Knex) {}

  static create(knex: Knex): KnexTechdocsStore {
    return new KnexTechdocsStore(knex);
  }

  async getSite(entityRef: string): Promise<StoredSite | undefined> {
    const row = await this.knex('techdocs_sites').where('entity_ref', entityRef).first();
    return row ? { version: row.version, snapshot: row.snapshot, checkedAt: Number(row.checked_at) } : undefined;
  }

  async putSite(entityRef: string, site: StoredSite): Promise<void> {
    await this.knex('techdocs_sites')
      .insert({ entity_ref: entityRef, version: site.version, snapshot: site.snapshot, checked_at: site.checkedAt })
      .onConflict('entity_ref')
      .merge();
  }

  async touchSite(entityRef: string, checkedAt: number): Promise<void> {
    await this.knex('techdocs_sites').where('entity_ref', entityRef).update({ checked_at: checkedAt });
  }

  async getPage(entityRef: string, route: string): Promise<StoredPage | undefined> {
    const row = await this.knex('techdocs_pages').where({ entity_ref: entityRef, route }).first();
    return row ? { cacheKey: row.cache_key, page: row.page, renderedAt: Number(row.rendered_at) } : undefined;
  }

  async putPage(entityRef: string, route: string, page: StoredPage): Promise<void> {
    await this.knex('techdocs_pages')
      .insert({ entity_ref: entityRef, route, cache_key: page.cacheKey, page: page.page, rendered_at: page.renderedAt })
      .onConflict(['entity_ref', 'route'])
      .merge();
  }

  /** Drops pages the site no longer has. */
  async prunePages(entityRef: string, keepRoutes: readonly string[]): Promise<void> {
    const rows: { route: string }[] = await this.knex('techdocs_pages').where('entity_ref', entityRef).select('route');
    const keep = new Set(keepRoutes);
    const gone = rows.map((r) => r.route).filter((r) => !keep.has(r));
    for (let i = 0; i < gone.length; i += 200) {
      await this.knex('techdocs_pages').where('entity_ref', entityRef).whereIn('route', gone.slice(i, i + 200)).delete();
    }
  }

  async deleteSite(entityRef: string): Promise<void> {
    await this.knex('techdocs_pages').where('entity_ref', entityRef).delete();
    await this.knex('techdocs_sites').where('entity_ref', entityRef).delete();
  }
}
