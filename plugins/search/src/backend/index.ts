export { searchPlugin } from './searchPlugin.ts';
export { searchCollatorsExtensionPoint, searchDocumentsChanged, type SearchCollator } from './extensionPoints.ts';
export { SearchIndex } from './SearchIndex.ts';
