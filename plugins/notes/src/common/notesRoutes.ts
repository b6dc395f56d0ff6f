import { z } from 'zod';
import { defineRoutes } from '@callboard/common';

export const noteSchema = z.object({
  id: z.number().int(),
  entityRef: z.string(),
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
});

export type Note = z.output<typeof noteSchema>;

const entityRef = z
  .string()
  .min(3)
  .max(512)
  .regex(/^[^:/\s]+:[^:/\s]+\/[^\s]+$/, 'expected a full entity reference such as component:default/web-shop');

export const notesRoutes = defineRoutes({
  listNotes: {
    method: 'GET',
    path: '/notes',
    query: z.object({ entityRef, limit: z.coerce.number().int().min(1).max(100).optional() }),
    response: z.object({ items: z.array(noteSchema) }),
  },
  createNote: {
    method: 'POST',
    path: '/notes',
    body: z.object({
      entityRef,
      body: z.string().trim().min(1, 'write something first').max(2000, 'notes are at most 2000 characters'),
    }),
    response: noteSchema,
    status: 201,
  },
  deleteNote: {
    method: 'DELETE',
    path: '/notes/:id',
    params: z.object({ id: z.coerce.number().int().positive() }),
    response: z.undefined(),
    status: 204,
  },
});
