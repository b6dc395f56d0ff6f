export * from './docsSchemas.ts';
export * from './techdocsRoutes.ts';
