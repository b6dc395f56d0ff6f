import net from 'node:net';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import type { DatabaseConfig } from '@callboard/backend';

export interface TestDatabase {
  /** `sqlite` or `postgres`, for test names. */
  name: string;
  /** A fresh, isolated database config each call. */
  config(): DatabaseConfig;
  /** Drops what `config()` created (PostgreSQL schemas); SQLite memory needs nothing. */
  cleanup(): Promise<void>;
}

const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

let pgUrlPromise: Promise<string | undefined> | undefined;

/**
 * PostgreSQL is used when CALLBOARD_TEST_PG_URL is set or the machine's own
 * server answers on 127.0.0.1:5432. CI sets CALLBOARD_TEST_REQUIRE_PG so a
 * missing server fails the run instead of quietly testing less.
 */
export function findTestPostgres(): Promise<string | undefined> {
  pgUrlPromise ??= (async () => {
    const url = process.env.CALLBOARD_TEST_PG_URL ?? DEFAULT_PG_URL;
    const parsed = new URL(url);
    const reachable = await portOpen(parsed.hostname, Number(parsed.port || 5432));
    if (reachable) {
      const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
      try {
        await knex.raw('select 1');
        return url;
      } catch (error) {
        if (process.env.CALLBOARD_TEST_PG_URL || process.env.CALLBOARD_TEST_REQUIRE_PG) throw error;
        return undefined;
      } finally {
        await knex.destroy();
      }
    }
    if (process.env.CALLBOARD_TEST_REQUIRE_PG) {
      throw new Error(`PostgreSQL is required for this run (CALLBOARD_TEST_REQUIRE_PG) but ${url} does not answer`);
    }
    return undefined;
  })();
  return pgUrlPromise;
}

function sqliteMemory(): TestDatabase {
  return {
    name: 'sqlite',
    config: () => ({ client: 'better-sqlite3', connection: ':memory:' }),
    cleanup: async () => undefined,
  };
}

function postgres(url: string): TestDatabase {
  const prefixes: string[] = [];
  return {
    name: 'postgres',
    config: () => {
      const prefix = `t${randomBytes(4).toString('hex')}_`;
      prefixes.push(prefix);
      return { client: 'pg', connection: url, schemaPrefix: prefix, pool: { max: 5 } };
    },
    cleanup: async () => {
      if (!prefixes.length) return;
      const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
      try {
        for (const prefix of prefixes.splice(0)) {
          const rows = await knex('information_schema.schemata').select('schema_name').where('schema_name', 'like', `${prefix}%`);
          for (const row of rows) await knex.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [row.schema_name]);
        }
      } finally {
        await knex.destroy();
      }
    },
  };
}

/** SQLite always; PostgreSQL too when one is reachable. Use with describe.each. */
export async function testDatabases(): Promise<TestDatabase[]> {
  const url = await findTestPostgres();
  return url ? [sqliteMemory(), postgres(url)] : [sqliteMemory()];
}
