export { techdocsPlugin } from './techdocsPlugin.ts';
export { techdocsSearchCollator } from './techdocsSearchCollator.ts';
