import { z } from 'zod';
import { InputError } from '@callboard/common';

const cursorSchema = z.object({
  v: z.literal(1),
  filter: z.array(z.string()).optional(),
  /** Present only for predicate queries (POST); Backstage's client looks for this key to pick the endpoint. */
  query: z.unknown().optional(),
  term: z.string().optional(),
  fields: z.array(z.string()).optional(),
  orderField: z.string(),
  order: z.enum(['asc', 'desc']),
  /** The page size of the query that issued it, unless the request gives another. */
  limit: z.number().int().optional(),
  /** Counted once on the first page and carried along. */
  totalItems: z.number().int().optional(),
  /** Which side of `bound` to read, and the (sort value, ref) it starts from. */
  direction: z.enum(['next', 'prev']),
  bound: z.tuple([z.string(), z.string()]),
});

export type QueryCursor = z.output<typeof cursorSchema>;

/** Standard base64 of JSON, as Backstage's cursors are: its client decodes them with atob. */
export function encodeCursor(cursor: QueryCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}

export function decodeCursor(text: string): QueryCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw new InputError('Invalid cursor: it is not one this server issued. Start again without a cursor.');
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new InputError('Invalid cursor: it is not one this server issued. Start again without a cursor.');
  return parsed.data;
}
