import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseManager } from './DatabaseManager.ts';
import { testDatabases } from '@callboard/test-utils';

const databases = await testDatabases();

describe.each(databases)('plugin databases on $name', (db) => {
  afterAll(() => db.cleanup());

  it('gives each plugin its own tables and migrations, run once', async () => {
    const manager = DatabaseManager.fromConfig(db.config(), process.cwd());
    try {
      const migration = {
        name: '20261121_01_items',
        up: async (k: import('knex').Knex) => k.schema.createTable('items', (t) => t.string('name')),
      };
      const one = await manager.forPlugin('plugin-one').connect({ migrations: [migration] });
      const two = await manager.forPlugin('plugin-two').connect({ migrations: [migration] });
      await one('items').insert({ name: 'only in one' });
      expect(await one('items').select('name')).toEqual([{ name: 'only in one' }]);
      expect(await two('items').select('name')).toEqual([]);
      // Connecting again does not re-run the migration.
      const again = await manager.forPlugin('plugin-one').connect({ migrations: [migration] });
      expect(await again('items').count({ n: '*' })).toEqual([{ n: db.name === 'postgres' ? '1' : 1 }]);
    } finally {
      await manager.close();
    }
  });
});
