import path from 'node:path';
import { validateEntityEnvelope } from '@callboard/catalog-model';
import type { EventsService, LoggerService } from '@callboard/backend-plugin-api';
import type { CatalogConfig } from '../config.ts';
import type { CatalogProcessor } from '../extensionPoints.ts';
import type { KnexEntityStore } from '../database/KnexEntityStore.ts';
import { entityAdded, entityChanged, entityRemoved } from '../catalogEvents.ts';
import { processEntity, type ProcessedEntity } from './processEntity.ts';
import { readCatalogFile } from './readCatalogFile.ts';

export interface LocationReport {
  locationKey: string;
  error?: string;
  /** Entities skipped alone, each with where it was and why. */
  entityErrors: string[];
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/**
 * Reads every configured location and brings the store in line with it.
 * One broken file or entity never stops the others, and a location that
 * cannot be read keeps the entities it had.
 */
export class LocationIngester {
  constructor(
    private readonly options: {
      config: CatalogConfig;
      baseDir: string;
      store: KnexEntityStore;
      logger: LoggerService;
      events: EventsService;
      processors: readonly CatalogProcessor[];
    },
  ) {}

  locationKeys(): { key: string; file: string }[] {
    return this.options.config.locations.map((loc) => {
      const file = path.resolve(this.options.baseDir, loc.target);
      return { key: `file:${file}`, file };
    });
  }

  async refreshAll(): Promise<LocationReport[]> {
    const reports: LocationReport[] = [];
    for (const { key, file } of this.locationKeys()) reports.push(await this.refreshFile(key, file));
    return reports;
  }

  async refreshFile(locationKey: string, file: string): Promise<LocationReport> {
    const { store, logger, events, config } = this.options;
    const report: LocationReport = { locationKey, entityErrors: [], added: 0, changed: 0, removed: 0, unchanged: 0 };
    const read = await readCatalogFile(file, config.maxFileBytes);
    if (!read.ok) {
      report.error = read.error;
      logger.error({ location: locationKey }, `Cannot load catalog location: ${read.error}. Its entities are kept as they were.`);
      await store.recordLocationError(locationKey, read.error);
      return report;
    }

    const processed: ProcessedEntity[] = [];
    for (const doc of read.documents) {
      const where = `${file} document ${doc.index} (line ${doc.line})`;
      const validation = validateEntityEnvelope(doc.value);
      if (!validation.ok) {
        const name = (doc.value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
        const label = typeof name === 'string' ? ` '${name}'` : '';
        const message = `${where}: entity${label} skipped: ${validation.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
        report.entityErrors.push(message);
        logger.warn({ location: locationKey }, message);
        continue;
      }
      let entity = validation.entity;
      try {
        for (const processor of this.options.processors) entity = await processor.process(entity, { locationKey });
      } catch (error) {
        const message = `${where}: entity '${entity.metadata.name}' rejected: ${(error as Error).message}`;
        report.entityErrors.push(message);
        logger.warn({ location: locationKey }, message);
        continue;
      }
      const result = processEntity(entity, locationKey);
      for (const problem of result.problems) {
        const message = `${where}: entity '${entity.metadata.name}': ${problem}`;
        report.entityErrors.push(message);
        logger.warn({ location: locationKey }, message);
      }
      processed.push(result);
    }

    const written = await store.replaceLocation(locationKey, processed);
    for (const conflict of written.conflicts) {
      const message = `${file}: entity ${conflict.ref} is already provided by ${conflict.ownedBy}; the first location keeps it`;
      report.entityErrors.push(message);
      logger.warn({ location: locationKey }, message);
    }
    report.added = written.added.length;
    report.changed = written.changed.length;
    report.removed = written.removed.length;
    report.unchanged = written.unchanged;
    for (const ref of written.added) await events.publish(entityAdded, { entityRef: ref });
    for (const ref of written.changed) await events.publish(entityChanged, { entityRef: ref });
    for (const ref of written.removed) await events.publish(entityRemoved, { entityRef: ref });
    if (written.added.length || written.changed.length || written.removed.length) {
      logger.info(
        { location: locationKey },
        `Catalog location ${file}: ${report.added} added, ${report.changed} changed, ${report.removed} removed`,
      );
    }
    return report;
  }
}
