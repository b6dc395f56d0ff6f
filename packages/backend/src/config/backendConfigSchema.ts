import { z } from 'zod';
import { readingConfigSchema } from '../reading/readingConfig.ts';

const sqliteSchema = z.object({
  client: z.literal('better-sqlite3'),
  /** ':memory:' for tests, or a folder that gets one file per plugin. */
  connection: z
    .union([z.literal(':memory:'), z.object({ directory: z.string() })])
    .default({ directory: '.callboard' }),
});

const pgSchema = z.object({
  client: z.literal('pg'),
  connection: z.union([
    z.string().min(1, 'expected a postgres:// connection string'),
    z.object({
      host: z.string(),
      port: z.coerce.number().int().optional(),
      user: z.string().optional(),
      password: z.string().optional(),
      database: z.string().optional(),
    }),
  ]),
  /** Each plugin gets the schema `<prefix><pluginId>`. */
  schemaPrefix: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and underscores')
    .default('callboard_'),
  pool: z.object({ max: z.number().int().positive().default(5) }).default({ max: 5 }),
});

export const databaseConfigSchema = z.discriminatedUnion('client', [sqliteSchema, pgSchema], {
  error: "expected client 'better-sqlite3' or 'pg'",
});

export type DatabaseConfig = z.output<typeof databaseConfigSchema>;

export const backendConfigSchema = z
  .object({
    baseUrl: z.string().default('http://localhost:7007'),
    listen: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.coerce.number().int().min(0).max(65535).default(7007),
      })
      .default({ host: '127.0.0.1', port: 7007 }),
    database: databaseConfigSchema.default({ client: 'better-sqlite3', connection: { directory: '.callboard' } }),
    /** Plugin ids to start; all installed plugins when absent. */
    plugins: z.array(z.string()).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    scheduler: z.object({ pollIntervalMs: z.number().int().positive().default(1000) }).default({ pollIntervalMs: 1000 }),
    /** Time given to in-flight requests on shutdown before connections are cut. */
    shutdownTimeoutMs: z.number().int().positive().default(10000),
    /** Which hosts the urlReader may fetch from besides integrations.github. */
    reading: readingConfigSchema,
  })
  .default({
    baseUrl: 'http://localhost:7007',
    listen: { host: '127.0.0.1', port: 7007 },
    database: { client: 'better-sqlite3', connection: { directory: '.callboard' } },
    logLevel: 'info',
    scheduler: { pollIntervalMs: 1000 },
    shutdownTimeoutMs: 10000,
    reading: { allow: [] },
  });

export type BackendConfig = z.output<typeof backendConfigSchema>;
