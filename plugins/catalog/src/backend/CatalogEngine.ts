import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { EventsService, LoggerService } from '@callboard/backend-plugin-api';
import { ConflictError, InputError, isCallboardError, NotAllowedError, NotFoundError } from '@callboard/common';
import type { Entity, KindDefinition } from '@callboard/catalog-model';
import type { CatalogConfig } from './config.ts';
import type { CatalogProcessor } from './extensionPoints.ts';
import type { KnexEntityStore, LocationWriteResult } from './database/KnexEntityStore.ts';
import type { KnexLocationStore, LocationRow } from './database/KnexLocationStore.ts';
import { entityAdded, entityChanged, entityRemoved } from './catalogEvents.ts';
import { processDocuments, type EntityValidator } from './processing/processDocuments.ts';
import type { LocationReader } from './reading/LocationReader.ts';
import type { SourceSpec } from './reading/types.ts';
import { isPathInside, realPathOfExisting } from '@callboard/backend-plugin-api';

/** What a git location registered through the API may say beyond its remote. */
export type GitOptions = {
  branch?: string | undefined;
  glob?: string | undefined;
};

/** An absolute path or file: URL: a repository on this machine. */
function isLocalGitTarget(target: string): boolean {
  return path.isAbsolute(target.trim()) || /^file:/i.test(target.trim());
}


export interface RefreshReport {
  locationKey: string;
  status: 'read' | 'unchanged' | 'failed';
  error?: string;
  problems: string[];
  added: number;
  changed: number;
  removed: number;
  orphaned: number;
  unchanged: number;
}

/**
 * The catalog's processing loop: reads each location (with every Location it
 * leads to), validates and processes what it finds, and makes the store match,
 * announcing added, changed and removed entities on the events service.
 */
export class CatalogEngine {
  private readonly inFlight = new Map<string, Promise<RefreshReport>>();

  constructor(
    private readonly options: {
      config: CatalogConfig;
      baseDir: string;
      entities: KnexEntityStore;
      locations: KnexLocationStore;
      reader: LocationReader;
      validator: EntityValidator;
      processors: readonly CatalogProcessor[];
      extraKinds: readonly KindDefinition[];
      events: EventsService;
      logger: LoggerService;
      isUrlAllowed(url: string): boolean;
      /** integrations.local.directory, absolute: git locations registered at run time may name repositories inside it. */
      localGitDirectory?: string | undefined;
    },
  ) {}

  /** The key entities are owned by, the same on every replica. */
  static locationKey(type: string, target: string, extra?: { branch?: string | undefined }): string {
    return extra?.branch ? `${type}:${target}#${extra.branch}` : `${type}:${target}`;
  }

  /** Brings the configured and provider locations in the database in line with app-config. */
  async syncConfiguredLocations(): Promise<void> {
    const { config, baseDir } = this.options;
    const items = [
      ...config.locations.map((loc) => {
        const target = loc.type === 'file' ? path.resolve(baseDir, loc.target) : loc.target;
        const branch = loc.type === 'git' ? loc.branch : undefined;
        return {
          type: loc.type,
          target,
          source: 'config' as const,
          locationKey: CatalogEngine.locationKey(loc.type, target, { branch }),
          options: loc.type === 'git' ? { glob: loc.glob, ...(loc.branch ? { branch: loc.branch } : {}) } : {},
        };
      }),
      ...config.providers.github.map((p) => ({
        type: 'github-org',
        target: p.organization,
        source: 'provider' as const,
        locationKey: CatalogEngine.locationKey('github-org', `${p.host}/${p.organization}`),
        options: { host: p.host, catalogPath: p.catalogPath },
      })),
    ];
    const removed = await this.options.locations.syncConfigured(items);
    for (const row of removed) await this.dropLocationEntities(row.locationKey);
  }

  specFor(row: Pick<LocationRow, 'type' | 'target' | 'source' | 'locationKey' | 'options'>): SourceSpec {
    const o = row.options as { glob?: string; branch?: string; host?: string; catalogPath?: string };
    return {
      key: row.locationKey,
      type: row.type as SourceSpec['type'],
      target: row.target,
      trusted: row.source !== 'api',
      originKey: this.originKey(row),
      ...(o.glob ? { glob: o.glob } : {}),
      ...(o.branch ? { branch: o.branch } : {}),
      ...(o.host ? { host: o.host } : {}),
      ...(o.catalogPath ? { catalogPath: o.catalogPath } : {}),
    };
  }

  /**
   * Refreshes every location, a few at a time: reading (git, network) and
   * parsing overlap with the database writes of other locations.
   */
  async refreshAll(options: { concurrency?: number } = {}): Promise<RefreshReport[]> {
    const rows = await this.options.locations.list();
    const reports: RefreshReport[] = new Array(rows.length);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const i = next++;
        reports[i] = await this.refreshLocation(rows[i]!);
      }
    };
    // Served JSON is rebuilt once, after every location has been written.
    const release = await this.options.entities.holdRebuilds();
    try {
      await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, rows.length) }, worker));
    } finally {
      release();
    }
    const changes = reports.reduce((n, r) => n + r.added + r.changed + r.removed, 0);
    // Fresh statistics at once; the vacuum follows the served-JSON rebuild.
    if (changes > 1000) await this.options.entities.analyze();
    // Mirrors of git locations unregistered since the last pass go now; a
    // location registered meanwhile is listed afresh, so its mirror stays.
    try {
      const current = await this.options.locations.list();
      const removed = await this.options.reader.pruneGitMirrors(current.map((r) => this.specFor(r)));
      if (removed.length) this.options.logger.info(`Removed ${removed.length} git mirror(s) no location reads any more`);
    } catch (error) {
      this.options.logger.warn(`Could not prune git mirrors: ${(error as Error).message}`);
    }
    return reports;
  }

  /** Waits for the background rebuild of served JSON, so a caller reads its own write warm. */
  settled(): Promise<void> {
    return this.options.entities.settled();
  }

  /** One refresh per location at a time; a second caller waits for the running one. */
  refreshLocation(row: LocationRow): Promise<RefreshReport> {
    let running = this.inFlight.get(row.locationKey);
    if (!running) {
      running = this.doRefresh(row).finally(() => this.inFlight.delete(row.locationKey));
      this.inFlight.set(row.locationKey, running);
    }
    return running;
  }

  private async doRefresh(row: LocationRow): Promise<RefreshReport> {
    const { locations, logger } = this.options;
    const report: RefreshReport = { locationKey: row.locationKey, status: 'read', problems: [], added: 0, changed: 0, removed: 0, orphaned: 0, unchanged: 0 };
    const state = await locations.getState(row.locationKey);
    const outcome = await this.options.reader.read(this.specFor(row), { ...(state.lastCommit ? { commit: state.lastCommit } : {}), ...(state.lastError ? { lastError: state.lastError } : {}) });
    if (outcome.status === 'unchanged') {
      report.status = 'unchanged';
      return report;
    }
    if (outcome.status === 'failed') {
      report.status = 'failed';
      report.error = outcome.error;
      if (state.lastError !== outcome.error) {
        logger.error({ location: row.locationKey }, `Cannot read catalog location ${row.target}: ${outcome.error}. Its entities are kept as they were.`);
      }
      await locations.setState(row.locationKey, { lastError: outcome.error });
      return report;
    }
    const processed = await processDocuments(outcome.documents, {
      originKey: this.originKey(row),
      validator: this.options.validator,
      processors: this.options.processors,
      extraKinds: this.options.extraKinds,
    });
    const written = await this.options.entities.replaceLocation(row.locationKey, {
      entities: processed.entities,
      kept: processed.kept,
      keepSourceKeys: outcome.failedSources,
      orphanStrategy: this.options.config.orphanStrategy,
    });
    const problems = [
      ...outcome.problems,
      ...processed.problems,
      ...[...processed.kept.values()].flat(),
      ...written.conflicts.map((c) => `Entity ${c.ref} is already provided by ${c.ownedBy}; the first location keeps it`),
    ];
    report.problems = problems;
    for (const problem of problems) logger.warn({ location: row.locationKey }, problem);
    await locations.setState(row.locationKey, {
      lastError: problems.length ? problems.join('\n') : undefined,
      ...(outcome.commit ? { lastCommit: outcome.commit } : {}),
    });
    Object.assign(report, this.count(written));
    await this.announce(written);
    if (written.added.length || written.changed.length || written.removed.length || written.orphaned.length) {
      logger.info(
        { location: row.locationKey },
        `Catalog location ${row.target}: ${report.added} added, ${report.changed} changed, ${report.removed} removed${report.orphaned ? `, ${report.orphaned} orphaned` : ''}`,
      );
    }
    return report;
  }

  private count(written: LocationWriteResult) {
    return {
      added: written.added.length,
      changed: written.changed.length,
      removed: written.removed.length,
      orphaned: written.orphaned.length,
      unchanged: written.unchanged,
    };
  }

  private async announce(written: LocationWriteResult): Promise<void> {
    const { events } = this.options;
    for (const ref of written.added) await events.publish(entityAdded, { entityRef: ref });
    for (const ref of [...written.changed, ...written.orphaned]) await events.publish(entityChanged, { entityRef: ref });
    for (const ref of written.removed) await events.publish(entityRemoved, { entityRef: ref });
  }

  private originKey(row: Pick<LocationRow, 'type' | 'target'>): string {
    return row.type === 'file' ? `file:${row.target}` : row.type === 'url' ? `url:${row.target}` : `${row.type}:${row.target}`;
  }

  private async dropLocationEntities(locationKey: string): Promise<void> {
    const written = await this.options.entities.removeLocationEntities(locationKey, this.options.config.orphanStrategy);
    await this.announce(written);
    await this.options.locations.clearState(locationKey);
  }

  /**
   * Only url locations (on an allowed host), git remotes on allowed https
   * hosts, and repositories of the local Git host may be added at run time:
   * anything else would let an API caller read files on the server's disk.
   */
  private checkRegistrable(type: string, target: string, git: GitOptions = {}): void {
    if (type === 'file') {
      throw new NotAllowedError('file locations can only be configured in app-config.yaml (catalog.locations), not registered through the API');
    }
    if (type !== 'url' && type !== 'git') throw new InputError(`Location type '${type}' is not supported; use url or git`);
    if (type !== 'git' && (git.branch !== undefined || git.glob !== undefined)) throw new InputError('branch and glob apply only to git locations');
    if (type === 'git' && isLocalGitTarget(target)) {
      this.checkLocalGitTarget(target);
      return;
    }
    if (!/^https?:\/\//i.test(target)) throw new InputError(`${target} is not an http(s) URL`);
    if (!this.options.isUrlAllowed(target)) {
      throw new NotAllowedError(
        `Reading ${target} is not allowed: its host is not in backend.reading.allow or integrations.github. Ask an administrator to add it.`,
      );
    }
  }

  /**
   * A path on this machine, allowed only inside integrations.local.directory.
   * Real paths are compared, so `..` and symlinks leading out are refused.
   */
  private checkLocalGitTarget(target: string): void {
    const directory = this.options.localGitDirectory;
    if (!directory) {
      throw new NotAllowedError(
        `${target} is a path on the server; git locations on this machine can only be registered when integrations.local is configured, and only inside its directory`,
      );
    }
    let file: string;
    try {
      file = /^file:/i.test(target.trim()) ? fileURLToPath(target.trim()) : target.trim();
    } catch {
      throw new InputError(`${target} is not a file URL Callboard understands; use an absolute path`);
    }
    const outside = () =>
      new NotAllowedError(`${target} is outside integrations.local.directory (${directory}); only repositories of the local Git host can be registered from this machine`);
    let realDir: string;
    try {
      realDir = fs.realpathSync(directory);
    } catch {
      throw outside();
    }
    const real = realPathOfExisting(path.resolve(file));
    // The directory itself is not a repository.
    if (real.path === realDir || !isPathInside(realDir, real.path)) throw outside();
    // Said only once the path is known to be inside, so probing paths elsewhere learns nothing.
    if (!real.exists) throw new NotFoundError(`No repository at ${target} on the local Git host`);
  }

  /** Reads a location without storing anything: what registering it would add. */
  async preview(type: string, target: string, git: GitOptions = {}): Promise<{ entities: Entity[]; problems: string[]; locationKey: string; options: GitOptions }> {
    this.checkRegistrable(type, target, git);
    const options: GitOptions = { ...(git.branch ? { branch: git.branch } : {}), ...(git.glob ? { glob: git.glob } : {}) };
    const locationKey = CatalogEngine.locationKey(type, target, options);
    const row = { type, target, source: 'api' as const, locationKey, options };
    const outcome = await this.options.reader.read(this.specFor(row), {});
    if (outcome.status === 'failed') {
      if (isCallboardError(outcome.cause)) throw outcome.cause;
      throw new InputError(`Cannot read ${target}: ${outcome.error}`);
    }
    if (outcome.status === 'unchanged') return { entities: [], problems: [], locationKey, options };
    const processed = await processDocuments(outcome.documents, {
      originKey: this.originKey(row),
      validator: this.options.validator,
      processors: this.options.processors,
      extraKinds: this.options.extraKinds,
    });
    const problems = [...outcome.problems, ...processed.problems, ...[...processed.kept.values()].flat()];
    if (processed.entities.length === 0) {
      throw new InputError(
        problems.length ? `${target} holds no valid entities: ${problems.join('; ')}` : `${target} holds no entities`,
      );
    }
    const owners = await this.options.entities.getByRefs(processed.entities.map((e) => e.ref));
    for (const [i, current] of owners.entries()) {
      const origin = current?.metadata.annotations?.['backstage.io/managed-by-origin-location'];
      if (current && origin && origin !== this.originKey(row)) {
        throw new ConflictError(
          `${processed.entities[i]!.ref} is already in the catalog from ${origin}. Remove that location first, or rename the entity.`,
        );
      }
    }
    return { entities: processed.entities.map((e) => e.entity), problems, locationKey, options };
  }

  async register(
    type: string,
    target: string,
    dryRun: boolean,
    git: GitOptions = {},
  ): Promise<{ location: { id: string; type: string; target: string }; entities: Entity[]; exists: boolean }> {
    const existing = await this.options.locations.getByKey(CatalogEngine.locationKey(type, target, git));
    const preview = await this.preview(type, target, git);
    if (dryRun) {
      return { location: { id: existing?.id ?? randomUUID(), type, target }, entities: preview.entities, exists: Boolean(existing) };
    }
    if (existing) throw new ConflictError(`The location ${target} is already registered (id ${existing.id})`);
    const row = await this.options.locations.add({ type, target, locationKey: preview.locationKey, options: preview.options });
    await this.refreshLocation(row);
    await this.settled();
    const stored = await this.options.entities.getByRefs(preview.entities.map((e) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`));
    return {
      location: { id: row.id, type, target },
      entities: stored.filter((e): e is Entity => Boolean(e)),
      exists: false,
    };
  }

  async unregister(id: string): Promise<void> {
    const row = await this.options.locations.get(id);
    if (!row) throw new NotFoundError(`No location with id ${id}`);
    if (row.source !== 'api') {
      throw new InputError(`The location ${row.target} comes from app-config.yaml; remove it there instead`);
    }
    await this.options.locations.remove(id);
    await this.dropLocationEntities(row.locationKey);
  }

  async update(id: string, type: string, target: string): Promise<LocationRow> {
    const row = await this.options.locations.get(id);
    if (!row) throw new NotFoundError(`No location with id ${id}`);
    if (row.source !== 'api') throw new InputError(`The location ${row.target} comes from app-config.yaml; change it there instead`);
    const preview = await this.preview(type, target);
    await this.dropLocationEntities(row.locationKey);
    await this.options.locations.update(id, { type, target, locationKey: preview.locationKey });
    const updated = (await this.options.locations.get(id))!;
    await this.refreshLocation(updated);
    return updated;
  }

  /** Re-reads the location an entity comes from, now. */
  async refreshEntity(entityRef: string): Promise<RefreshReport> {
    const key = await this.options.entities.locationKeyOf(entityRef);
    if (!key) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const row = await this.options.locations.getByKey(key);
    if (!row) throw new NotFoundError(`The location of ${entityRef} is no longer registered`);
    const report = await this.refreshLocation(row);
    await this.settled();
    return report;
  }
}
