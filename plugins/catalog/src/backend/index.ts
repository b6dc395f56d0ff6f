export { catalogPlugin } from './catalogPlugin.ts';
export { catalogProcessorsExtensionPoint, type CatalogProcessor } from './extensionPoints.ts';
export { entityAdded, entityChanged, entityRemoved } from './catalogEvents.ts';
