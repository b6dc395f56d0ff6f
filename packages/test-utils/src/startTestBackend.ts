import { Writable } from 'node:stream';
import { Backend, createRootLogger, mergeConfig, type DatabaseConfig } from '@callboard/backend';
import type { BackendFeature, LoggerService, ServiceFactory } from '@callboard/backend-plugin-api';

export interface CapturedLogs {
  logger: LoggerService;
  /** Every record written so far, parsed. */
  records: { level: number; msg: string; [key: string]: unknown }[];
  /** Messages of records at warn level or above. */
  problems(): string[];
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const records: CapturedLogs['records'] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) records.push(JSON.parse(line));
      done();
    },
  });
  const logger = createRootLogger({ level, pretty: false, destination: stream });
  return { logger, records, problems: () => records.filter((r) => r.level >= 40).map((r) => r.msg) };
}

export interface TestBackend {
  backend: Backend;
  url: string;
  logs: CapturedLogs;
  /** fetch relative to the backend, e.g. `get('/api/catalog/entities')`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestBackendOptions {
  features: BackendFeature[];
  database?: DatabaseConfig;
  /** Merged over the test defaults. */
  config?: Record<string, unknown>;
  services?: ServiceFactory<any>[];
  baseDir?: string;
  appDistDir?: string;
}

/** A real backend on a free loopback port with a real database. */
export async function startTestBackend(options: TestBackendOptions): Promise<TestBackend> {
  const logs = captureLogs();
  const data = mergeConfig(
    {
      backend: {
        listen: { host: '127.0.0.1', port: 0 },
        database: options.database ?? { client: 'better-sqlite3', connection: ':memory:' },
        scheduler: { pollIntervalMs: 50 },
        shutdownTimeoutMs: 2000,
      },
    },
    options.config ?? {},
  );
  const backend = Backend.create({
    config: { data, baseDir: options.baseDir ?? process.cwd(), files: [] },
    features: options.features,
    ...(options.services ? { services: options.services } : {}),
    ...(options.appDistDir ? { appDistDir: options.appDistDir } : {}),
    logger: logs.logger,
  });
  await backend.start();
  const url = backend.url;
  return {
    backend,
    url,
    logs,
    fetch: (path, init) => fetch(`${url}${path}`, init),
    stop: () => backend.stop(),
  };
}
