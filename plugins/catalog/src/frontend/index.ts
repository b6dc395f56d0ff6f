export { catalogPlugin } from './catalogPlugin.ts';
export { entityRoute } from './entityRoute.ts';
