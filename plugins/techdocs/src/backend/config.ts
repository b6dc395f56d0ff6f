import { z } from 'zod';

export const techdocsConfigSchema = z
  .object({
    /** A view later than this after the last check looks for a newer source. */
    refreshIntervalSeconds: z.number().nonnegative().default(60),
    /** Larger Markdown pages are refused with a message instead of rendered. */
    maxPageBytes: z.number().int().positive().default(2 * 1024 * 1024),
    /** Larger images and other files are not served. */
    maxAssetBytes: z.number().int().positive().default(20 * 1024 * 1024),
    /**
     * TechDocs' own history clones of catalog git remotes, for pages'
     * last-updated dates (the catalog's mirrors are depth-1); relative to app-config.yaml.
     */
    historyCacheDir: z.string().min(1).default('.callboard/techdocs-history'),
  })
  .default({
    refreshIntervalSeconds: 60,
    maxPageBytes: 2 * 1024 * 1024,
    maxAssetBytes: 20 * 1024 * 1024,
    historyCacheDir: '.callboard/techdocs-history',
  });

export type TechdocsConfig = z.output<typeof techdocsConfigSchema>;
