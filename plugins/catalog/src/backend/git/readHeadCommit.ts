import fs from 'node:fs';
import path from 'node:path';

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The commit HEAD points at, read from the repository's files instead of
 * spawning `git rev-parse`: a spawn costs milliseconds of the server's own
 * thread, which adds up over hundreds of repositories. Undefined for any
 * layout it does not know; callers then ask git.
 */
export async function readHeadCommit(dir: string): Promise<string | undefined> {
  const gitDir = path.join(dir, '.git');
  try {
    const head = (await fs.promises.readFile(path.join(gitDir, 'HEAD'), 'utf8')).trim();
    if (OBJECT_ID.test(head)) return head;
    const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').includes('..')) return undefined;
    const loose = await fs.promises.readFile(path.join(gitDir, ref), 'utf8').catch(() => undefined);
    if (loose !== undefined) return OBJECT_ID.test(loose.trim()) ? loose.trim() : undefined;
    const packed = await fs.promises.readFile(path.join(gitDir, 'packed-refs'), 'utf8').catch(() => '');
    for (const line of packed.split('\n')) {
      const [id, name] = line.trim().split(' ');
      if (name === ref && id && OBJECT_ID.test(id)) return id;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
