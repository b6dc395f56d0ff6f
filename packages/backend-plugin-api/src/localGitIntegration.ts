import path from 'node:path';
import { z } from 'zod';

const localIntegrationSchema = z
  .object({
    directory: z.string({ error: 'integrations.local.directory must be a path' }).min(1, 'integrations.local.directory must be a path'),
  })
  .optional();

/**
 * `integrations.local`: a Git host on this machine, bare repositories under
 * one folder (relative to app-config.yaml's folder). The scaffolder
 * publishes to it and the catalog registers from it, so both read it here.
 * Undefined when not configured.
 */
export function readLocalGitDirectory(raw: unknown, baseDir: string): string | undefined {
  const parsed = localIntegrationSchema.safeParse(raw ?? undefined);
  if (!parsed.success) throw new TypeError(`integrations.local: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data ? path.resolve(baseDir, parsed.data.directory) : undefined;
}
