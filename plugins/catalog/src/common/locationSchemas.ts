import { z } from 'zod';

/** Where entities come from, in Backstage's API shape. */
export const locationSpecSchema = z.object({
  type: z.string().min(1).default('url'),
  target: z.string().min(1, 'give the URL or path of a catalog file'),
  /** Callboard's addition, for git locations: the branch to read; the remote's HEAD when absent. */
  branch: z.string().min(1).optional(),
  /** Callboard's addition, for git locations: which files to read; **\/catalog-info.yaml when absent. */
  glob: z.string().min(1).optional(),
});

export const locationSchema = z.object({
  id: z.string(),
  type: z.string(),
  target: z.string(),
});

export type LocationSpec = z.output<typeof locationSpecSchema>;
export type CatalogLocation = z.output<typeof locationSchema>;

/** What Callboard knows about a location beyond Backstage's shape: its last read. */
export const locationStatusSchema = locationSchema.extend({
  source: z.enum(['config', 'api', 'provider']),
  lastReadAt: z.string().optional(),
  lastError: z.string().optional(),
  entityCount: z.number().int(),
});

export type LocationStatus = z.output<typeof locationStatusSchema>;
