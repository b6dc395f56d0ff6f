import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DocsSourceError, FileTooLargeError, type DocsSource } from './DocsSource.ts';
import { isPathInside } from '@callboard/backend-plugin-api';

const MAX_FILES = 20_000;


/**
 * A site in a local folder. Every path is checked to stay inside the root,
 * by name and by real path, so neither `..` nor a symbolic link reaches
 * files outside it.
 */
export class LocalDocsSource implements DocsSource {
  readonly description: string;

  private constructor(private readonly root: string) {
    this.description = root;
  }

  static async open(root: string): Promise<LocalDocsSource> {
    const absolute = path.resolve(root);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch {
      throw new DocsSourceError(`The docs folder ${absolute} does not exist`, 'not-found');
    }
    if (!stat.isDirectory()) throw new DocsSourceError(`${absolute} is not a folder`, 'invalid');
    return new LocalDocsSource(await fs.realpath(absolute));
  }

  /** The absolute path of `file`, or undefined when it would leave the root. */
  async locate(file: string): Promise<string | undefined> {
    if (file.includes('\0') || path.isAbsolute(file)) return undefined;
    const candidate = path.resolve(this.root, file);
    if (!isPathInside(this.root, candidate)) return undefined;
    const real = await fs.realpath(candidate).catch(() => undefined);
    if (real === undefined) return candidate;
    return isPathInside(this.root, real) ? real : undefined;
  }

  private async statFile(file: string, maxBytes: number): Promise<string | undefined> {
    const absolute = await this.locate(file);
    if (!absolute) throw new DocsSourceError(`${file} is outside the docs site; refused`, 'refused');
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat?.isFile()) return undefined;
    if (stat.size > maxBytes) throw new FileTooLargeError(file, stat.size, maxBytes);
    return absolute;
  }

  async readText(file: string, maxBytes: number): Promise<string | undefined> {
    const absolute = await this.statFile(file, maxBytes);
    return absolute === undefined ? undefined : fs.readFile(absolute, 'utf8');
  }

  async readBytes(file: string, maxBytes: number): Promise<Buffer | undefined> {
    const absolute = await this.statFile(file, maxBytes);
    return absolute === undefined ? undefined : fs.readFile(absolute);
  }

  async listFiles(dir: string): Promise<string[] | undefined> {
    const base = await this.locate(dir);
    if (!base) throw new DocsSourceError(`${dir} is outside the docs site; refused`, 'refused');
    const stat = await fs.stat(base).catch(() => undefined);
    if (!stat?.isDirectory()) throw new DocsSourceError(`The docs folder ${base} does not exist`, 'not-found');
    const files: string[] = [];
    const walk = async (absolute: string, prefix: string) => {
      const entries = await fs.readdir(absolute, { withFileTypes: true });
      for (const entry of entries) {
        // Hidden files and folders are not part of a site, as in MkDocs; links are never followed.
        if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
        const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(path.join(absolute, entry.name), relative);
        else if (entry.isFile()) {
          files.push(relative);
          if (files.length > MAX_FILES) {
            throw new DocsSourceError(`The docs folder ${base} holds more than ${MAX_FILES} files; point docs_dir at the docs alone`, 'invalid');
          }
        }
      }
    };
    await walk(base, '');
    return files.sort();
  }

  async lastUpdated(dir: string): Promise<Map<string, string>> {
    const base = await this.locate(dir);
    const result = new Map<string, string>();
    if (!base) return result;
    // Not a repository, or git missing: there are simply no dates.
    const out = await git(['log', '--max-count=5000', '--format=%x1e%H %cI', '--name-only', '--relative', '--', '.'], base);
    if (!out) return result;
    // A shallow clone (the catalog's git mirrors) shows its oldest commit as
    // adding every file; when those files last changed is unknown, not that day.
    const shallowFile = await git(['rev-parse', '--git-path', 'shallow'], base);
    const boundary = new Set(
      shallowFile
        ? (await fs.readFile(path.resolve(base, shallowFile.trim()), 'utf8').catch(() => '')).split('\n').map((l) => l.trim()).filter(Boolean)
        : [],
    );
    for (const block of out.split('\x1e')) {
      const [header, ...names] = block.split('\n').map((l) => l.trim()).filter(Boolean);
      if (!header) continue;
      const [commit, date] = header.split(' ');
      if (!date || boundary.has(commit!)) continue;
      for (const name of names) if (!result.has(name)) result.set(name, date);
    }
    return result;
  }
}

function git(args: string[], cwd: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY']) delete env[key];
  return new Promise<string>((resolve) => {
    execFile('git', args, { cwd, env, timeout: 15_000, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      resolve(error ? '' : stdout),
    );
  });
}
