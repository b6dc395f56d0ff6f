import type { Migration } from '@callboard/backend-plugin-api';

export const techdocsMigrations: Migration[] = [
  {
    name: '20261201_01_techdocs_cache',
    async up(knex) {
      await knex.schema.createTable('techdocs_sites', (t) => {
        t.string('entity_ref', 512).primary();
        t.string('version', 64).notNullable();
        /** The scan as JSON: files, page hashes, navigation, warnings. */
        t.text('snapshot').notNullable();
        t.bigInteger('checked_at').notNullable();
      });
      await knex.schema.createTable('techdocs_pages', (t) => {
        t.string('entity_ref', 512).notNullable();
        t.string('route', 1024).notNullable();
        /** Hash of the page's source, the site's file list and the renderer: a new key means render again. */
        t.string('cache_key', 64).notNullable();
        t.text('page').notNullable();
        t.bigInteger('rendered_at').notNullable();
        t.primary(['entity_ref', 'route']);
      });
    },
  },
];
