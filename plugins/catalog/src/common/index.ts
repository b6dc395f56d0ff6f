export * from './catalogRoutes.ts';
export * from './entitySchemas.ts';
export * from './locationSchemas.ts';
export * from './events.ts';
