import { GitMirror } from '../git/GitMirror.ts';
import { listFiles } from '../git/listFiles.ts';
import type { GitReading } from './LocationReader.ts';

/** `git` locations: a shallow mirror per remote, re-fetched only when the remote's commit moved. */
export function createGitReading(options: { cacheDir: string }): GitReading {
  const mirror = GitMirror.create({ baseDir: options.cacheDir });
  return {
    sync: (remote, syncOptions) => mirror.sync(remote, syncOptions),
    prune: (keep) => mirror.prune(keep),
    listFiles,
  };
}
