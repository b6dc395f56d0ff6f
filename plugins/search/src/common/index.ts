export * from './searchRoutes.ts';
