import type { Migration } from '@callboard/backend-plugin-api';
import { termHash } from '../processing/entityTerms.ts';

export const catalogMigrations: Migration[] = [
  {
    name: '20261121_01_entities',
    async up(knex) {
      await knex.schema.createTable('entities', (t) => {
        // Lowercased `kind:namespace/name`: refs compare case-insensitively.
        t.string('entity_ref', 512).primary();
        t.string('uid', 36).notNullable().unique();
        t.string('kind', 63).notNullable();
        t.string('namespace', 63).notNullable();
        t.string('name', 63).notNullable();
        t.string('name_lower', 63).notNullable().index();
        t.string('location_key', 1024).notNullable().index();
        t.string('hash', 64).notNullable();
        t.text('search_text').notNullable();
        t.text('entity_json').notNullable();
        t.bigInteger('updated_at').notNullable();
      });
      await knex.schema.createTable('entity_search', (t) => {
        t.string('entity_ref', 512).notNullable().references('entity_ref').inTable('entities').onDelete('CASCADE');
        t.string('key', 200).notNullable();
        t.string('value', 200).nullable();
        t.string('original_value', 200).nullable();
        t.index(['key', 'value', 'entity_ref'], 'entity_search_key_value_idx');
        t.index(['entity_ref'], 'entity_search_entity_idx');
      });
      await knex.schema.createTable('relations', (t) => {
        t.string('source_ref', 512).notNullable().references('entity_ref').inTable('entities').onDelete('CASCADE');
        t.string('type', 63).notNullable();
        // The target may not exist (yet); it is kept and reported, not dropped.
        t.string('target_ref', 512).notNullable();
        t.string('target_key', 512).notNullable();
        t.index(['source_ref'], 'relations_source_idx');
        t.index(['target_key', 'type'], 'relations_target_idx');
      });
      await knex.schema.createTable('location_state', (t) => {
        t.string('location_key', 1024).primary();
        t.text('last_error').nullable();
        t.bigInteger('last_read_at').nullable();
      });
    },
  },
  {
    name: '20261121_02_locations_and_status',
    async up(knex) {
      await knex.schema.createTable('locations', (t) => {
        t.string('id', 36).primary();
        t.string('type', 63).notNullable();
        t.text('target').notNullable();
        // config: from app-config; api: registered at run time; provider: a discovery provider.
        t.string('source', 16).notNullable();
        t.string('location_key', 1024).notNullable().unique();
        t.text('options_json').nullable();
        t.bigInteger('created_at').notNullable();
      });
      await knex.schema.alterTable('location_state', (t) => {
        t.string('last_commit', 64).nullable();
        t.string('etag', 255).nullable();
      });
      await knex.schema.alterTable('entities', (t) => {
        // The Location entity whose target produced this entity, for ancestry.
        t.string('parent_ref', 512).nullable();
        // Processing problems shown in the entity's status, as JSON.
        t.text('errors_json').nullable();
        // The file it came from (managed-by-location), so a file that fails to read keeps its entities.
        t.string('source_key', 1024).nullable();
      });
    },
  },
  {
    name: '20261121_03_query_indexes',
    async up(knex) {
      // (entity_ref, key, value) answers "does this entity have key=value" from the
      // index alone, and still serves deletes by entity_ref.
      await knex.schema.alterTable('entity_search', (t) => {
        t.dropIndex(['entity_ref'], 'entity_search_entity_idx');
        t.index(['entity_ref', 'key', 'value'], 'entity_search_entity_key_value_idx');
      });
      // Name order with a keyset cursor walks this index and stops after a page.
      await knex.schema.alterTable('entities', (t) => {
        t.index(['name_lower', 'entity_ref'], 'entities_name_ref_idx');
      });
    },
  },
  {
    name: '20261121_04_kind_column',
    async up(knex) {
      // Nearly every query filters on kind and pages by name: this index serves both at once.
      await knex.schema.alterTable('entities', (t) => {
        t.string('kind_lower', 63).nullable();
      });
      await knex('entities').update({ kind_lower: knex.raw('lower(kind)') });
      await knex.schema.alterTable('entities', (t) => {
        t.index(['kind_lower', 'name_lower', 'entity_ref'], 'entities_kind_name_ref_idx');
      });
      if (knex.client.config.client === 'pg') {
        // key and value are strongly correlated; without this PostgreSQL guesses
        // a filter's selectivity wrong by orders of magnitude and picks poor plans.
        await knex.raw('CREATE STATISTICS IF NOT EXISTS entity_search_key_value_stats (mcv, dependencies) ON key, value FROM entity_search');
      }
    },
  },
  {
    name: '20261121_05_final_json',
    async up(knex) {
      // The entity as the API serves it, relations in both directions and status
      // included, kept up to date on every write so reads are one lookup.
      await knex.schema.alterTable('entities', (t) => {
        t.text('final_json').nullable();
      });
    },
  },
  {
    name: '20261121_06_no_row_triggers',
    async up(knex) {
      // A foreign key checks every inserted search and relation row against
      // entities, about 25 checks per entity on a bulk load. The store deletes
      // an entity's rows itself, in the same transaction, so the keys only
      // cost time.
      await knex.schema.alterTable('entity_search', (t) => {
        t.dropForeign(['entity_ref']);
      });
      await knex.schema.alterTable('relations', (t) => {
        t.dropForeign(['source_ref']);
      });
    },
  },
  {
    name: '20261121_07_search_terms_pg',
    async up(knex) {
      if (knex.client.config.client !== 'pg') return;
      // On PostgreSQL an entity's searchable (key, value) pairs live in the
      // entity's own row, as an array with a GIN index, instead of ~25 rows
      // of entity_search with two B-tree indexes: a bulk load writes a tenth
      // of the data, and a filter on a page of entities checks the row it
      // already has rather than probing an index per entity.
      //   search_terms: `key` (existence) and `key=value`, lowercased, indexed;
      //   search_originals: `key=Value` as written, for facet labels (this
      //   copies them all; the store now writes only those whose case differs).
      await knex.raw("ALTER TABLE entities ADD COLUMN search_terms text[] NOT NULL DEFAULT '{}'");
      await knex.raw("ALTER TABLE entities ADD COLUMN search_originals text[] NOT NULL DEFAULT '{}'");
      await knex.raw(`
        UPDATE entities e SET
          search_terms = s.terms,
          search_originals = COALESCE(s.originals, '{}')
        FROM (
          SELECT entity_ref,
            array_agg(DISTINCT t) AS terms,
            array_agg(DISTINCT key || '=' || original_value) FILTER (WHERE original_value IS NOT NULL) AS originals
          FROM entity_search, LATERAL (VALUES (key), (key || '=' || value)) v(t)
          WHERE t IS NOT NULL
          GROUP BY entity_ref
        ) s
        WHERE s.entity_ref = e.entity_ref`);
      await knex.raw('CREATE INDEX entities_search_terms_idx ON entities USING gin (search_terms)');
      await knex.schema.dropTable('entity_search');
    },
  },
  {
    name: '20261121_08_write_sequence',
    async up(knex) {
      if (knex.client.config.client !== 'pg') return;
      // Advanced after every committed catalog write, by every replica: a
      // replica keeps its cached counts and facets until it moves. A sequence
      // takes no row lock, so concurrent writers never wait on it.
      await knex.raw('CREATE SEQUENCE catalog_writes');
    },
  },
  {
    name: '20261121_09_drop_redundant_name_index',
    async up(knex) {
      // (name_lower, entity_ref) from migration 03 serves every lookup this
      // one did; keeping both only cost another index write per entity.
      await knex.schema.alterTable('entities', (t) => {
        t.dropIndex(['name_lower']);
      });
    },
  },
  {
    name: '20261121_10_facet_counts_pg',
    async up(knex) {
      if (knex.client.config.client !== 'pg') return;
      // Counts of the catalog page's facets per location and kind, so that
      // the page's facets need not unpack every entity's terms after each
      // write (see facetCounts.ts). SQLite counts from entity_search's index.
      await knex.raw(`
        CREATE TABLE entity_facet_counts (
          location_key text NOT NULL,
          kind text NOT NULL,
          term text NOT NULL,
          n integer NOT NULL,
          label text,
          PRIMARY KEY (location_key, kind, term)
        )`);
      const patterns = ['kind', 'spec.type', 'spec.lifecycle', 'spec.owner', 'metadata.tags', 'metadata.namespace'].map((k) => `${k}=%`);
      await knex.raw(
        `INSERT INTO entity_facet_counts (location_key, kind, term, n, label)
         SELECT c.location_key, c.kind, c.term, c.n, l.label
         FROM (
           SELECT e.location_key, e.kind_lower AS kind, t.term, count(*) AS n
           FROM entities e CROSS JOIN LATERAL unnest(e.search_terms) AS t(term)
           WHERE t.term LIKE ANY (?::text[])
           GROUP BY 1, 2, 3
         ) c
         LEFT JOIN (
           SELECT e.location_key, e.kind_lower AS kind, lower(o.term) AS term, min(o.term) AS label
           FROM entities e CROSS JOIN LATERAL unnest(e.search_originals) AS o(term)
           WHERE o.term LIKE ANY (?::text[])
           GROUP BY 1, 2, 3
         ) l USING (location_key, kind, term)`,
        [patterns as unknown as string, patterns as unknown as string],
      );
    },
  },
  {
    name: '20261121_11_hashed_term_index_pg',
    async up(knex) {
      if (knex.client.config.client !== 'pg') return;
      // The GIN index over the terms' text was PostgreSQL's largest cost in a
      // bulk load (3.9 million entries of up to 200 characters per 100,000
      // entities). Indexing a 4-byte hash of each term instead halves that;
      // a match checks the hash through the index, then the text itself on
      // the row, so a collision can never give a wrong answer. The column is
      // generated, so every write of search_terms keeps it right.
      // hashtext is stable across PostgreSQL versions (hash partitioning
      // stores its results), which is what an index of it needs.
      await knex.raw(
        "CREATE FUNCTION catalog_term_hashes(text[]) RETURNS int4[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT array(SELECT hashtext(t) FROM unnest($1) AS t)'",
      );
      await knex.raw('ALTER TABLE entities ADD COLUMN search_hashes int4[] GENERATED ALWAYS AS (catalog_term_hashes(search_terms)) STORED');
      await knex.raw('CREATE INDEX entities_search_hashes_idx ON entities USING gin (search_hashes)');
      await knex.raw('DROP INDEX entities_search_terms_idx');
    },
  },
  {
    name: '20261121_12_term_hashes_from_the_catalog_pg',
    async up(knex) {
      if (knex.client.config.client !== 'pg') return;
      // The hashes of migration 11 were a generated column calling hashtext
      // through an SQL function, once per row written: about 1.2 s of
      // PostgreSQL's CPU per 100,000 entities. The catalog now computes them
      // (termHash) with the terms it already builds and writes them itself.
      await knex.raw('ALTER TABLE entities DROP COLUMN search_hashes');
      await knex.raw("ALTER TABLE entities ADD COLUMN search_hashes int4[] NOT NULL DEFAULT '{}'");
      let after = '';
      for (;;) {
        const rows = (await knex('entities').select('entity_ref', 'search_terms').where('entity_ref', '>', after).orderBy('entity_ref').limit(5000)) as {
          entity_ref: string;
          search_terms: string[];
        }[];
        if (rows.length === 0) break;
        const payload = rows.map((r) => ({ k: r.entity_ref, h: r.search_terms.map(termHash) }));
        await knex.raw('UPDATE entities AS e SET search_hashes = r.h FROM json_to_recordset(?::json) AS r(k text, h int4[]) WHERE e.entity_ref = r.k', [
          JSON.stringify(payload),
        ]);
        after = rows[rows.length - 1]!.entity_ref;
      }
      await knex.raw('CREATE INDEX entities_search_hashes_idx ON entities USING gin (search_hashes)');
      await knex.raw('DROP FUNCTION catalog_term_hashes(text[])');
    },
  },
  {
    name: '20261121_13_entity_rows_inline_pg',
    async up(knex) {
      if (knex.client.config.client !== 'pg') return;
      // An entity's row (its document, its terms and, once rebuilt, its
      // served JSON) is 2 to 4 KB, just over the 2 KB at which PostgreSQL
      // starts compressing a row's largest values with pglz. That compression
      // was a quarter of the database's CPU in a bulk load (4.6 of 11.7 s to
      // COPY 100,000 rows, measured in SQL) and saved little, as most of the
      // text is unique. Rows up to a page now stay inline and uncompressed;
      // a larger one (an API with a big definition) is still compressed.
      await knex.raw('ALTER TABLE entities SET (toast_tuple_target = 8160)');
      // ANALYZE after a bulk load runs while the load waits for it. These
      // columns are never compared in a query, so their statistics, which
      // cost the most to gather (whole documents), are not collected.
      await knex.raw(
        `ALTER TABLE entities ${['entity_json', 'final_json', 'search_originals', 'errors_json', 'hash', 'updated_at']
          .map((c) => `ALTER COLUMN ${c} SET STATISTICS 0`)
          .join(', ')}`,
      );
    },
  },
];
