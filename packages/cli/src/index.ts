export { buildStaticSite, type BuildResult, type BuildProgress, type RenderCache } from './buildStaticSite.ts';
export { serveSite } from './serveSite.ts';
export { relativeHref } from './relativeHref.ts';
