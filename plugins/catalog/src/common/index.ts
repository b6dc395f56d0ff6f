export * from './catalogRoutes.ts';
export * from './entitySchemas.ts';
export * from './events.ts';
