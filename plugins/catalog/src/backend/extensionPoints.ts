import { createExtensionPoint } from '@callboard/backend-plugin-api';
import type { Entity } from '@callboard/catalog-model';

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
