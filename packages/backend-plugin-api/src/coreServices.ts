import type { Knex } from 'knex';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { createServiceRef } from './refs.ts';

/** The merged app-config, for plugins that need more than their own section. */
export interface RootConfigService {
  /** The whole configuration after overlays and ${ENV} substitution. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Folder of the first config file; relative paths in config resolve against it. */
  readonly baseDir: string;
  /** A dotted path such as `backend.baseUrl`; undefined when absent. */
  get(path: string): unknown;
  /** Reads and validates a section; throws a config error naming the exact path. */
  section<S extends z.ZodType>(path: string, schema: S): z.output<S>;
}

export type LoggerService = Logger;

export interface Migration {
  /** Timestamped and never edited once landed, e.g. `20261121_01_entities`. */
  name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

export interface DatabaseService {
  /** Which engine the deployment runs; only a Knex*Store should need to ask. */
  readonly client: 'better-sqlite3' | 'pg';
  /** The plugin's own database (a file on SQLite, a schema on PostgreSQL), migrated. */
  connect(options?: { migrations?: readonly Migration[] }): Promise<Knex>;
}

export interface HttpRouterService {
  /** Mounts handlers under /api/<pluginId>. */
  use(...handlers: RequestHandler[]): void;
}

export interface SchedulerTask {
  /** Unique within the plugin; the lock is held in the database under `<pluginId>:<id>`. */
  id: string;
  frequencyMs: number;
  /** After this the lock lapses and another process may run the task. */
  timeoutMs: number;
  initialDelayMs?: number;
  fn(signal: AbortSignal): Promise<void>;
}

export interface SchedulerService {
  scheduleTask(task: SchedulerTask): Promise<void>;
  /** Runs the task as soon as a worker can take its lock, on whichever process. */
  triggerTask(id: string): Promise<void>;
}

export interface LifecycleService {
  addStartupHook(hook: () => void | Promise<void>): void;
  addShutdownHook(hook: () => void | Promise<void>): void;
}

export interface EventTopic<T> {
  readonly name: string;
  readonly __type?: (value: T) => T;
}

export function defineEventTopic<T>(name: string): EventTopic<T> {
  return { name };
}

export interface EventsService {
  publish<T>(topic: EventTopic<T>, payload: T): Promise<void>;
  /** Returns a function that removes the subscription. */
  subscribe<T>(topic: EventTopic<T>, handler: (payload: T) => void | Promise<void>): () => void;
}

export type Caller =
  | { type: 'user'; userEntityRef: string; ownershipEntityRefs: string[]; guest: boolean }
  | { type: 'service'; subject: string };

/**
 * Who is calling. Today everyone is the guest user; sign-in providers plug in
 * behind this interface without changing the plugins that ask.
 */
export interface IdentityService {
  getCaller(request: Request): Promise<Caller>;
}

export interface ReadUrlOptions {
  /** The etag of the last read; an unchanged file then answers `{ notModified: true }`. */
  etag?: string;
  signal?: AbortSignal;
  /** Larger files are refused rather than read; 1 MB when absent. */
  maxBytes?: number;
}

export type ReadUrlResult = { notModified: true } | { notModified: false; text: string; etag?: string };

/** The body exactly as the host sent it, for images and other files that are not text. */
export type ReadUrlBytesResult = { notModified: true } | { notModified: false; bytes: Buffer; etag?: string };

/**
 * Reads files that config names or users register. Only hosts listed under
 * `backend.reading.allow` or `integrations.github` can be reached, so a
 * catalog location cannot be used to probe internal addresses.
 */
export interface UrlReaderService {
  readUrl(url: string, options?: ReadUrlOptions): Promise<ReadUrlResult>;
  /** As readUrl, with the same allow-list, limits and errors, but the body is not decoded as UTF-8. */
  readUrlBytes(url: string, options?: ReadUrlOptions): Promise<ReadUrlBytesResult>;
  /** Whether readUrl would be permitted to try this URL (it may still fail). */
  isAllowed(url: string): boolean;
  /** `relative` against the file URL `base`; a GitHub result stays inside the base's repository and ref. */
  resolve(base: string, relative: string): string;
}

export interface GithubRepository {
  name: string;
  defaultBranch: string;
  archived: boolean;
  htmlUrl: string;
}

/**
 * GitHub through the configured integrations (`integrations.github`), for
 * discovery and publishing; reading files goes through the urlReader.
 */
export interface GithubService {
  /** Every repository of an organisation (or user); `org` may be `host/org` for a non-default host. */
  listOrgRepositories(org: string, options?: { signal?: AbortSignal }): Promise<GithubRepository[]>;
  /** The blob URL of a file in a repository, on its default branch unless a ref is given. */
  blobUrl(repo: Pick<GithubRepository, 'htmlUrl' | 'defaultBranch'>, path: string, ref?: string): string;
}

/**
 * Where this backend answers, for plugins that call another plugin's HTTP API
 * (the contract between plugins) from the server. It is the address the
 * server listens on, not backend.baseUrl, which may be a proxy in front.
 */
export interface DiscoveryService {
  /** e.g. `http://127.0.0.1:7007`; a typed client adds `/api/<pluginId>`. */
  getInternalOrigin(): string;
}

export const coreServices = {
  rootConfig: createServiceRef<RootConfigService>({ id: 'core.rootConfig', scope: 'root' }),
  logger: createServiceRef<LoggerService>({ id: 'core.logger' }),
  rootLogger: createServiceRef<LoggerService>({ id: 'core.rootLogger', scope: 'root' }),
  database: createServiceRef<DatabaseService>({ id: 'core.database' }),
  httpRouter: createServiceRef<HttpRouterService>({ id: 'core.httpRouter' }),
  scheduler: createServiceRef<SchedulerService>({ id: 'core.scheduler' }),
  lifecycle: createServiceRef<LifecycleService>({ id: 'core.lifecycle' }),
  events: createServiceRef<EventsService>({ id: 'core.events', scope: 'root' }),
  identity: createServiceRef<IdentityService>({ id: 'core.identity', scope: 'root' }),
  urlReader: createServiceRef<UrlReaderService>({ id: 'core.urlReader', scope: 'root' }),
  github: createServiceRef<GithubService>({ id: 'core.github', scope: 'root' }),
  discovery: createServiceRef<DiscoveryService>({ id: 'core.discovery', scope: 'root' }),
};
