export { notesPlugin } from './notesPlugin.ts';
