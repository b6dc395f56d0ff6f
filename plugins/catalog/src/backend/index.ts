export { catalogPlugin } from './catalogPlugin.ts';
export { catalogKindsExtensionPoint, catalogProcessorsExtensionPoint, type CatalogProcessor } from './extensionPoints.ts';
export { entityAdded, entityChanged, entityRemoved } from './catalogEvents.ts';
