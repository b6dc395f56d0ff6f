import type { Migration } from '@callboard/backend-plugin-api';

export const scaffolderMigrations: Migration[] = [
  {
    name: '20261121_01_scaffolder_tasks',
    async up(knex) {
      await knex.schema.createTable('scaffolder_tasks', (t) => {
        t.string('id', 36).primary();
        t.string('status', 16).notNullable().index();
        t.string('template_ref', 512).notNullable();
        // The template, values and user as JSON; secrets never go here.
        t.text('spec').notNullable();
        // Secrets encrypted (AES-256-GCM); cleared once the task ends.
        t.text('secrets');
        t.string('created_by', 512).notNullable().index();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('last_heartbeat_at');
        t.bigInteger('completed_at');
        t.boolean('cancel_requested').notNullable().defaultTo(false);
        t.text('output');
        t.text('error');
      });
      await knex.schema.createTable('scaffolder_task_events', (t) => {
        t.increments('id');
        t.string('task_id', 36).notNullable().references('id').inTable('scaffolder_tasks').onDelete('CASCADE');
        t.string('event_type', 16).notNullable();
        t.text('body').notNullable();
        t.bigInteger('created_at').notNullable();
        t.index(['task_id', 'id']);
      });
    },
  },
];
