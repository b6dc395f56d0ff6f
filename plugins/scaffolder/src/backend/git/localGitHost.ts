import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '@callboard/common';
import { isRepoName } from '../../common/repoUrl.ts';

/** The host name templates use for it: `local?owner=o&repo=r`. */
export const LOCAL_HOST = 'local';

const localIntegrationSchema = z.object({
  /** Relative to the folder of app-config.yaml. */
  directory: z.string({ error: 'integrations.local.directory must be a path' }).min(1, 'integrations.local.directory must be a path'),
});

export interface LocalGitHost {
  /** Absolute; may not exist until the first repository is published. */
  directory: string;
}

/** `integrations.local`, shared with the catalog: bare repositories on this machine. */
export function readLocalGitHost(raw: unknown, baseDir: string): LocalGitHost | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = localIntegrationSchema.safeParse(raw);
  if (!parsed.success) throw new TypeError(`integrations.local: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return { directory: path.resolve(baseDir, parsed.data.directory) };
}

function checkName(value: string | undefined, what: string, repoUrl: string): string {
  if (!isRepoName(value)) {
    throw new InputError(
      `${what} '${value ?? ''}' in '${repoUrl}' is not a name the local Git host accepts: letters, digits, '.', '_' and '-', starting with a letter or digit, not ending in .git`,
    );
  }
  return value;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Where `owner/repo` lives: `<directory>/<owner>/<repo>.git`. The names are
 * typed by users, so besides the name rules the resolved path (through any
 * symlinks that exist) must stay inside the directory the administrator chose.
 */
export function localRepoPath(host: LocalGitHost, owner: string | undefined, repo: string, repoUrl: string): string {
  const safeOwner = checkName(owner, 'The owner', repoUrl);
  const safeRepo = checkName(repo, 'The repository name', repoUrl);
  const target = path.resolve(host.directory, safeOwner, `${safeRepo}.git`);
  if (!isInside(host.directory, target)) throw new InputError(`'${repoUrl}' resolves outside integrations.local.directory`);
  const root = realOrSelf(host.directory);
  const real = realOrSelf(target);
  if (!isInside(root, real)) throw new InputError(`'${repoUrl}' leads outside integrations.local.directory through a symlink`);
  return target;
}

/** The real path of `p`: its deepest existing part resolved through symlinks, the rest appended. */
function realOrSelf(p: string): string {
  const rest: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync(current), ...rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return p;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}
