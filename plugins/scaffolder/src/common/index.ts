export * from './templateEntity.ts';
export * from './scaffolderRoutes.ts';
export * from './taskRoutes.ts';
export * from './repoUrl.ts';
