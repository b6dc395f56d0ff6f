import { glob } from 'tinyglobby';

/** Files under `dir` matching `pattern`, relative, never following symlinks out of it. */
export async function globFiles(dir: string, pattern: string): Promise<string[]> {
  const matches = await glob(pattern, { cwd: dir, onlyFiles: true, followSymbolicLinks: false, dot: false, expandDirectories: false });
  return matches.sort();
}
