import path from 'node:path';
import { InputError } from '@callboard/common';
import { isRepoName } from '../../common/repoUrl.ts';
import { isPathInside, readLocalGitDirectory, realPathOfExisting } from '@callboard/backend-plugin-api';

/** The host name templates use for it: `local?owner=o&repo=r`. */
export const LOCAL_HOST = 'local';

export interface LocalGitHost {
  /** Absolute; may not exist until the first repository is published. */
  directory: string;
}

/** `integrations.local`, shared with the catalog: bare repositories on this machine. */
export function readLocalGitHost(raw: unknown, baseDir: string): LocalGitHost | undefined {
  const directory = readLocalGitDirectory(raw, baseDir);
  return directory ? { directory } : undefined;
}

function checkName(value: string | undefined, what: string, repoUrl: string): string {
  if (!isRepoName(value)) {
    throw new InputError(
      `${what} '${value ?? ''}' in '${repoUrl}' is not a name the local Git host accepts: letters, digits, '.', '_' and '-', starting with a letter or digit, not ending in .git`,
    );
  }
  return value;
}

/** Strictly inside: the directory itself holds no repository. */
function isInside(root: string, candidate: string): boolean {
  return candidate !== root && isPathInside(root, candidate);
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
  const root = realPathOfExisting(host.directory).path;
  const real = realPathOfExisting(target).path;
  if (!isInside(root, real)) throw new InputError(`'${repoUrl}' leads outside integrations.local.directory through a symlink`);
  return target;
}

