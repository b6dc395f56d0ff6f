import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseService, Migration } from '@callboard/backend-plugin-api';
import type { DatabaseConfig } from '../config/backendConfigSchema.ts';

/** Plugin ids are kebab-case; schemas and file names want underscores. */
export function storageName(pluginId: string): string {
  return pluginId.replace(/-/g, '_');
}

function migrationSource(migrations: readonly Migration[]): Knex.MigrationSource<Migration> {
  return {
    getMigrations: async () => [...migrations].sort((a, b) => a.name.localeCompare(b.name)),
    getMigrationName: (m) => m.name,
    getMigration: async (m) => ({ up: m.up, down: m.down ?? (async () => undefined) }),
  };
}

/**
 * Each plugin owns a separate database: a SQLite file (or an in-memory
 * database) per plugin, or a PostgreSQL schema per plugin. Plugins cannot
 * read each other's tables, and migrations never collide.
 */
export class DatabaseManager {
  private readonly clients = new Map<string, Promise<Knex>>();

  private constructor(
    private readonly config: DatabaseConfig,
    private readonly baseDir: string,
  ) {}

  static fromConfig(config: DatabaseConfig, baseDir: string): DatabaseManager {
    return new DatabaseManager(config, baseDir);
  }

  get client(): 'better-sqlite3' | 'pg' {
    return this.config.client;
  }

  /** Where a plugin's data lives, for messages: a file path or a schema name. */
  describe(pluginId: string): string {
    const c = this.config;
    if (c.client === 'pg') return `schema ${c.schemaPrefix}${storageName(pluginId)}`;
    if (c.connection === ':memory:') return 'in-memory SQLite';
    return path.resolve(this.baseDir, c.connection.directory, `${storageName(pluginId)}.sqlite`);
  }

  forPlugin(pluginId: string): DatabaseService {
    return {
      client: this.config.client,
      connect: async (options) => {
        const knex = await this.getKnex(pluginId);
        if (options?.migrations?.length) {
          await knex.migrate.latest({
            migrationSource: migrationSource(options.migrations),
            tableName: 'callboard_migrations',
          });
        }
        return knex;
      },
    };
  }

  private getKnex(pluginId: string): Promise<Knex> {
    let client = this.clients.get(pluginId);
    if (!client) {
      client = this.createKnex(pluginId);
      this.clients.set(pluginId, client);
    }
    return client;
  }

  private async createKnex(pluginId: string): Promise<Knex> {
    const c = this.config;
    if (c.client === 'pg') {
      const schema = `${c.schemaPrefix}${storageName(pluginId)}`;
      const knex = knexFactory({
        client: 'pg',
        connection: c.connection,
        searchPath: [schema],
        pool: { min: 0, max: c.pool.max },
      });
      await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
      return knex;
    }
    let filename = ':memory:';
    if (c.connection !== ':memory:') {
      const dir = path.resolve(this.baseDir, c.connection.directory);
      fs.mkdirSync(dir, { recursive: true });
      filename = path.join(dir, `${storageName(pluginId)}.sqlite`);
    }
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      // better-sqlite3 is synchronous: one connection serialises access, and an
      // in-memory database exists only inside its one connection.
      pool: {
        min: 1,
        max: 1,
        idleTimeoutMillis: Number.MAX_SAFE_INTEGER,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          try {
            conn.pragma('journal_mode = WAL');
            conn.pragma('busy_timeout = 5000');
            conn.pragma('foreign_keys = ON');
            conn.pragma('synchronous = NORMAL');
            done(null, conn);
          } catch (error) {
            done(error as Error, conn);
          }
        },
      },
    });
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(all.map(async (p) => (await p).destroy()));
  }
}
