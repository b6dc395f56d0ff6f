import { z } from 'zod';

const fileLocationSchema = z.object({
  type: z.literal('file'),
  /** A path to a YAML file; relative paths resolve against the folder of app-config.yaml. */
  target: z.string({ error: 'expected a string' }).min(1, 'expected a file path'),
});

export const catalogConfigSchema = z
  .object({
    locations: z
      .array(
        z.discriminatedUnion('type', [fileLocationSchema], {
          error: "expected a location with type 'file' (url and git locations are not built yet)",
        }),
      )
      .default([]),
    refresh: z
      .object({ intervalSeconds: z.number().positive().default(60) })
      .default({ intervalSeconds: 60 }),
    /** Catalog files larger than this are refused rather than parsed. */
    maxFileBytes: z.number().int().positive().default(1024 * 1024),
  })
  .default({ locations: [], refresh: { intervalSeconds: 60 }, maxFileBytes: 1024 * 1024 });

export type CatalogConfig = z.output<typeof catalogConfigSchema>;
