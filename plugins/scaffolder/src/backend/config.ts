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
      })
      .default({ allowHttp: false }),
    /** Longest a single template expression may take to render. */
    renderTimeoutMs: z.number().int().positive().default(2000),
  })
  .default({
    defaultBranch: 'main',
    defaultAuthor: { name: 'Callboard', email: 'scaffolder@callboard.invalid' },
    defaultCommitMessage: 'Initial commit',
    git: { allowHttp: false },
    renderTimeoutMs: 2000,
  });

export type ScaffolderConfig = z.output<typeof scaffolderConfigSchema>;
