/** Names of the catalog's events, so other plugins subscribe without importing the catalog backend. */
export const CATALOG_EVENTS = {
  entityAdded: 'catalog.entity.added',
  entityChanged: 'catalog.entity.changed',
  entityRemoved: 'catalog.entity.removed',
} as const;

export interface CatalogEntityEvent {
  entityRef: string;
}
