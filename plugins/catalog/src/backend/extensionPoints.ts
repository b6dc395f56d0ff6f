import { createExtensionPoint } from '@callboard/backend-plugin-api';
import type { Entity, KindDefinition } from '@callboard/catalog-model';

/**
 * Runs on every valid entity before it is stored, in contribution order. It
 * may add annotations, labels or defaults; throwing rejects that entity alone,
 * with the message reported against its file.
 */
export interface CatalogProcessor {
  name: string;
  process(entity: Entity, context: { locationKey: string }): Entity | Promise<Entity>;
}

export const catalogProcessorsExtensionPoint = createExtensionPoint<CatalogProcessor>({ id: 'catalog.processors' });

/**
 * Kinds beyond Backstage's own: each with its apiVersions, a zod schema for
 * its spec, and the relations its fields produce. Validation and relations
 * then treat it like a built-in kind.
 */
export const catalogKindsExtensionPoint = createExtensionPoint<KindDefinition>({ id: 'catalog.kinds' });
