import fs from 'node:fs';
import path from 'node:path';

export interface WorkspaceFile {
  /** Relative, with forward slashes. */
  path: string;
  content: Buffer;
  executable: boolean;
}

/** Every regular file under `dir`, sorted by path; symlinks are not followed. */
export async function readDirectory(dir: string): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  async function walk(current: string): Promise<void> {
    const entries = await fs.promises.readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.isFile()) {
        const stat = await fs.promises.stat(full);
        out.push({
          path: path.relative(dir, full).split(path.sep).join('/'),
          content: await fs.promises.readFile(full),
          executable: (stat.mode & 0o111) !== 0,
        });
      }
    }
  }
  if (fs.existsSync(dir)) await walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
