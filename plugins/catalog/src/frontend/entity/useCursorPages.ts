import { useMemo, useState } from 'react';
import type { EntitiesQuery } from '../catalogView.ts';
import { useEntitiesQuery } from '../catalogApi.ts';

/**
 * A server-paged list kept in component state (Previous/Next with the
 * server's cursors). The cursor resets when the base query changes.
 */
export function useCursorPages(base: EntitiesQuery, options: { enabled?: boolean } = {}) {
  const baseKey = JSON.stringify(base);
  const [state, setState] = useState<{ baseKey: string; cursor?: string }>({ baseKey });
  const cursor = state.baseKey === baseKey ? state.cursor : undefined;
  const query = useMemo<EntitiesQuery>(
    () => (cursor ? { cursor, ...(base.limit ? { limit: base.limit } : {}), ...(base.fields ? { fields: base.fields } : {}) } : base),
    // baseKey stands for base: a new object with the same content must not refetch.
    [cursor, baseKey],
  );
  const result = useEntitiesQuery(query, options);
  const goTo = (next: string | undefined) => setState(next ? { baseKey, cursor: next } : { baseKey });
  return { ...result, onFirstPage: !cursor, goTo };
}
