import { useQuery } from '@tanstack/react-query';
import { createApiClient } from '@callboard/frontend-plugin-api';
import { scaffolderRoutes } from '../common/scaffolderRoutes.ts';
import { taskRoutes } from '../common/taskRoutes.ts';

export const scaffolderClient = createApiClient('scaffolder', scaffolderRoutes);
export const taskClient = createApiClient('scaffolder', taskRoutes);

export function useInstalledActions() {
  return useQuery({
    queryKey: ['scaffolder', 'actions'],
    queryFn: ({ signal }) => scaffolderClient.listActions({}, { signal }),
    staleTime: 5 * 60_000,
  });
}
