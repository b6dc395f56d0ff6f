import { z } from 'zod';

const fileLocationSchema = z.object({
  type: z.literal('file'),
  /** A path to a YAML file; relative paths resolve against the folder of app-config.yaml. */
  target: z.string({ error: 'expected a string' }).min(1, 'expected a file path'),
});

const urlLocationSchema = z.object({
  type: z.literal('url'),
  target: z.string({ error: 'expected a string' }).url('expected an https URL of a file in a Git host'),
});

const gitLocationSchema = z.object({
  type: z.literal('git'),
  /** Any Git remote: https, ssh (git@host:org/repo.git) or a local path. */
  target: z.string({ error: 'expected a string' }).min(1, 'expected a Git remote'),
  branch: z.string().optional(),
  /** Which files of the repository to read. */
  glob: z.string().default('**/catalog-info.yaml'),
});

export const configLocationSchema = z.discriminatedUnion('type', [fileLocationSchema, urlLocationSchema, gitLocationSchema], {
  error: "expected a location with type 'file', 'url' or 'git'",
});

export type ConfigLocation = z.output<typeof configLocationSchema>;

const githubProviderSchema = z.object({
  organization: z.string().min(1),
  host: z.string().default('github.com'),
  /** The file to read in each repository. */
  catalogPath: z.string().default('catalog-info.yaml'),
});

export const catalogConfigSchema = z
  .object({
    locations: z.array(configLocationSchema).default([]),
    providers: z
      .object({ github: z.array(githubProviderSchema).default([]) })
      .default({ github: [] }),
    refresh: z.object({ intervalSeconds: z.number().positive().default(60) }).default({ intervalSeconds: 60 }),
    /** Catalog files larger than this are refused rather than parsed. */
    maxFileBytes: z.number().int().positive().default(1024 * 1024),
    /** What happens to entities their location no longer emits: removed, or kept and marked as orphans. */
    orphanStrategy: z.enum(['delete', 'keep']).default('delete'),
    /** Where `git` locations are mirrored; relative to app-config.yaml. */
    gitCacheDir: z.string().default('.callboard/git'),
    /**
     * Worker threads that parse, validate and process large catalog files
     * off the event loop; 0 for none. Unset: one fewer than the machine's
     * cores, at least 1 and at most 4.
     */
    processingWorkers: z.number({ error: 'expected a number of worker threads' }).int().min(0).max(32).optional(),
  })
  .default({
    locations: [],
    providers: { github: [] },
    refresh: { intervalSeconds: 60 },
    maxFileBytes: 1024 * 1024,
    orphanStrategy: 'delete',
    gitCacheDir: '.callboard/git',
  });

export type CatalogConfig = z.output<typeof catalogConfigSchema>;
export type GithubProviderConfig = z.output<typeof githubProviderSchema>;
