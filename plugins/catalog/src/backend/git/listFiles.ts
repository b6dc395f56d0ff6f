import fs from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { InputError } from '@callboard/common';
import { isPathInside } from '@callboard/backend-plugin-api';


/**
 * Files under `dir` matching `pattern` (e.g. `**\/catalog-info.yaml`), as
 * sorted slash-separated relative paths. Symbolic links are neither followed
 * nor listed, so a repository cannot point the catalog at files outside it;
 * `.git` is never searched.
 */
export async function listFiles(dir: string, pattern: string): Promise<string[]> {
  const segments = pattern.split('/');
  if (!pattern || path.isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern) || segments.includes('..')) {
    throw new InputError(`'${pattern}' is not a glob inside the repository: use a relative pattern such as **/catalog-info.yaml`);
  }
  const root = await fs.promises.realpath(dir);
  const found = await glob(pattern, {
    cwd: root,
    onlyFiles: true,
    dot: true,
    followSymbolicLinks: false,
    expandDirectories: false,
    ignore: ['**/.git/**', '.git/**'],
  });
  const files: string[] = [];
  for (const relative of found) {
    const absolute = path.resolve(root, relative);
    // Belt and braces: only regular files whose real path stays inside the root.
    const stat = await fs.promises.lstat(absolute).catch(() => undefined);
    if (!stat?.isFile()) continue;
    const real = await fs.promises.realpath(absolute).catch(() => undefined);
    if (!real || !isPathInside(root, real)) continue;
    files.push(relative.split(path.sep).join('/'));
  }
  return files.sort();
}
