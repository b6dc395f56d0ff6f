import fs from 'node:fs';
import path from 'node:path';
import type { DocsSource } from '../render/DocsSource.ts';
import type { LocalDocsSource } from '../render/LocalDocsSource.ts';
import type { GitHistory } from './GitHistory.ts';

export interface GitMirrorDocsSourceOptions {
  /** The mirror's work tree (the folder holding .git). */
  mirrorDir: string;
  history: GitHistory;
  /** How long a scan waits for dates; a first clone of a large repository takes longer, and the scan goes on without them. */
  waitMs: number;
  /** Called when dates the scan stopped waiting for are ready, so the site can be checked again. */
  onLateDates?: () => void;
}

/**
 * A site in a catalog git mirror: files come from the mirror, dates from
 * TechDocs' own history of the same remote, because the mirror is a
 * depth-1 clone that cannot tell when a file last changed.
 */
export class GitMirrorDocsSource implements DocsSource {
  readonly description: string;

  constructor(
    private readonly local: LocalDocsSource,
    private readonly options: GitMirrorDocsSourceOptions,
  ) {
    this.description = local.description;
  }

  readText(file: string, maxBytes: number): Promise<string | undefined> {
    return this.local.readText(file, maxBytes);
  }

  readBytes(file: string, maxBytes: number): Promise<Buffer | undefined> {
    return this.local.readBytes(file, maxBytes);
  }

  listFiles(dir: string): Promise<string[] | undefined> {
    return this.local.listFiles(dir);
  }

  async lastUpdated(dir: string): Promise<Map<string, string>> {
    const { mirrorDir, history, waitMs, onLateDates } = this.options;
    // A mirror with its whole history (dumb HTTP remotes are cloned in full) dates its own files.
    if (!fs.existsSync(path.join(mirrorDir, '.git', 'shallow'))) return this.local.lastUpdated(dir);
    const base = await this.local.locate(dir);
    if (!base) return new Map();
    const [realMirror, realBase] = await Promise.all([fs.promises.realpath(mirrorDir), fs.promises.realpath(base).catch(() => base)]);
    const folder = path.relative(realMirror, realBase).split(path.sep).join('/');
    if (folder === '..' || folder.startsWith('../') || path.isAbsolute(folder)) return new Map();
    const dating = history.lastUpdated(realMirror, folder);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    const dates = await Promise.race([dating, late]);
    clearTimeout(timer);
    if (dates) return dates;
    void dating.then((ready) => {
      if (ready.size > 0) onLateDates?.();
    });
    return new Map();
  }
}
