import fs from 'node:fs';
import path from 'node:path';
import { isPathInside, realPathOfExisting } from '@callboard/backend-plugin-api';

/** A path in a template or its input pointed outside the folder it must stay in. */
export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePathError';
  }
}



/**
 * Resolves `relativePath` against `root` and refuses any result outside it:
 * `..` segments, absolute paths, and symlinks already in the folder that
 * lead out of it. `what` names the path in the error, e.g. "targetPath".
 */
export function resolveSafePath(root: string, relativePath: string, what = 'path'): string {
  if (relativePath.includes('\0')) throw new UnsafePathError(`The ${what} '${relativePath}' contains a NUL character`);
  const base = path.resolve(root);
  const resolved = path.resolve(base, relativePath);
  if (!isPathInside(base, resolved)) {
    throw new UnsafePathError(`The ${what} '${relativePath}' leads outside the task's workspace; use a path inside it`);
  }
  // A symlink inside the workspace (from a skeleton, say) must not be a door out of it.
  const realBase = fs.existsSync(base) ? fs.realpathSync(base) : base;
  const existing = realPathOfExisting(resolved).path;
  if (fs.existsSync(base) && !isPathInside(realBase, existing) && !isPathInside(base, existing)) {
    throw new UnsafePathError(`The ${what} '${relativePath}' leads outside the task's workspace through a symbolic link`);
  }
  return resolved;
}
