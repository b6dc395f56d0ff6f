import { QueryClient } from '@tanstack/react-query';
import { isCallboardError } from '@callboard/common';

/** Asking again cannot fix a 4xx: the request itself is wrong, or the thing is not there. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isCallboardError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
      },
    },
  });
}
