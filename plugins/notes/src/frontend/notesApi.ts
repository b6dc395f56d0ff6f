import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiClient } from '@callboard/frontend-plugin-api';
import { notesRoutes } from '../common/notesRoutes.ts';

export const notesClient = createApiClient('notes', notesRoutes);

export function useNotes(entityRef: string, limit?: number) {
  return useQuery({
    queryKey: ['notes', entityRef, limit],
    queryFn: ({ signal }) => notesClient.listNotes({ query: { entityRef, ...(limit ? { limit } : {}) } }, { signal }),
  });
}

export function useAddNote(entityRef: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => notesClient.createNote({ body: { entityRef, body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notes', entityRef] }),
  });
}

export function useDeleteNote(entityRef: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => notesClient.deleteNote({ params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notes', entityRef] }),
  });
}
