export { techdocsPlugin } from './techdocsPlugin.ts';
