export * from './templateEntity.ts';
export * from './scaffolderRoutes.ts';
