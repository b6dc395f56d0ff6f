import type { Migration } from '@callboard/backend-plugin-api';

export const notesMigrations: Migration[] = [
  {
    name: '20261121_01_notes',
    async up(knex) {
      await knex.schema.createTable('notes', (t) => {
        t.increments('id');
        t.string('entity_ref', 512).notNullable().index();
        t.text('body').notNullable();
        t.string('author', 512).notNullable();
        t.bigInteger('created_at').notNullable();
      });
    },
  },
];
