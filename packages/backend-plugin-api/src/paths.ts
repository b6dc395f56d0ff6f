import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether `candidate` is `root` or inside it, by the paths as written (no
 * symlinks followed). Every check that a user-supplied path stays in its
 * folder (a docs folder, a task's workspace, a Git mirror) goes through here.
 */
export function isPathInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * The real path of `p`: its deepest existing part resolved through
 * symlinks, the rest appended; and whether all of `p` exists. Comparing real
 * paths is what stops a symlink inside a folder from leading out of it,
 * also for a path that is about to be created.
 */
export function realPathOfExisting(p: string): { path: string; exists: boolean } {
  const rest: string[] = [];
  let current = path.resolve(p);
  for (;;) {
    try {
      return { path: path.join(fs.realpathSync(current), ...rest), exists: rest.length === 0 };
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return { path: path.resolve(p), exists: false };
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}
