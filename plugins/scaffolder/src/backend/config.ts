import { z } from 'zod';

export const scaffolderConfigSchema = z
  .object({
    /** Branch publish actions push when a template names none. */
    defaultBranch: z.string().min(1).default('main'),
    defaultAuthor: z
      .object({ name: z.string().min(1).default('Callboard'), email: z.string().min(1).default('scaffolder@callboard.invalid') })
      .default({ name: 'Callboard', email: 'scaffolder@callboard.invalid' }),
    defaultCommitMessage: z.string().min(1).default('Initial commit'),
    git: z
      .object({
        /** Plain http remotes send code and credentials unencrypted; off unless a deployment opts in. */
        allowHttp: z.boolean().default(false),
        /** Let publish:git push to paths on the server's disk; for tests and single-machine set-ups. */
        allowLocalRemotes: z.boolean().default(false),
      })
      .default({ allowHttp: false, allowLocalRemotes: false }),
    /** Longest a single template expression may take to render. */
    renderTimeoutMs: z.number().int().positive().default(2000),
    tasks: z
      .object({
        /** Tasks one backend process runs at once. */
        concurrency: z.number().int().min(1).max(64).default(3),
        pollIntervalMs: z.number().int().positive().default(1000),
        heartbeatIntervalMs: z.number().int().positive().default(5000),
        /** A running task whose backend has not beaten for this long is failed. */
        heartbeatTimeoutMs: z.number().int().positive().default(30_000),
      })
      .default({ concurrency: 3, pollIntervalMs: 1000, heartbeatIntervalMs: 5000, heartbeatTimeoutMs: 30_000 }),
    /** 32 bytes, base64; the same on every replica so any of them can run a task with secrets. */
    taskSecretsKey: z.string().optional(),
  })
  .default({
    defaultBranch: 'main',
    defaultAuthor: { name: 'Callboard', email: 'scaffolder@callboard.invalid' },
    defaultCommitMessage: 'Initial commit',
    git: { allowHttp: false, allowLocalRemotes: false },
    renderTimeoutMs: 2000,
    tasks: { concurrency: 3, pollIntervalMs: 1000, heartbeatIntervalMs: 5000, heartbeatTimeoutMs: 30_000 },
  });

export type ScaffolderConfig = z.output<typeof scaffolderConfigSchema>;
