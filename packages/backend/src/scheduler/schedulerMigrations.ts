import type { Migration } from '@callboard/backend-plugin-api';

export const schedulerMigrations: Migration[] = [
  {
    name: '20261121_01_scheduler_tasks',
    async up(knex) {
      await knex.schema.createTable('scheduler_tasks', (table) => {
        table.string('id', 255).primary();
        table.bigInteger('next_run_at').notNullable();
        table.bigInteger('frequency_ms').notNullable();
        table.string('ticket', 64).nullable();
        table.bigInteger('lock_expires_at').nullable();
        table.bigInteger('last_run_started_at').nullable();
        table.bigInteger('last_run_ended_at').nullable();
        table.text('last_error').nullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable('scheduler_tasks');
    },
  },
];
