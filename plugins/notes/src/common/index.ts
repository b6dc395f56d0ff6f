export * from './notesRoutes.ts';
