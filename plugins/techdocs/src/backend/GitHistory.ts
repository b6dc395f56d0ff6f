import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  allowedGitProtocols,
  checkBranchName,
  GitCommandError,
  KeyedQueue,
  parseGitRemote,
  redactGitUrl,
  runGit,
  usefulGitLine,
  type GitRemote,
  type LoggerService,
} from '@callboard/backend-plugin-api';

export interface GitHistoryOptions {
  /** Each remote gets a bare, blobless clone in its own folder under it. */
  baseDir: string;
  logger: LoggerService;
  /** Per clone or fetch; 10 minutes when absent (a first clone carries the whole history). */
  timeoutMs?: number;
  /** After a failed clone or fetch, the same mirror commit is not tried again before this; 10 minutes when absent. */
  retryAfterMs?: number;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_RETRY_AFTER_MS = 10 * 60_000;
/** Commits that touched the docs folder, newest first; pages unchanged for longer show no date. */
const MAX_COMMITS = 5000;
const MAX_MEMO = 500;
/**
 * git drops `-c` settings (GIT_CONFIG_PARAMETERS) when it starts upload-pack
 * for a local remote, so a file:// remote only filters blobs when its
 * upload-pack is started with the setting itself.
 */
const LOCAL_UPLOAD_PACK = 'git -c uploadpack.allowFilter=true upload-pack';

interface MirrorState {
  remote: GitRemote;
  commit: string;
  /** Undefined when the mirror's HEAD is detached. */
  branch: string | undefined;
}

/**
 * Last-change dates for the files of a catalog git mirror. The catalog's
 * mirrors are depth-1 clones it may fetch or delete at any time, so they
 * cannot say when a file changed and must not be deepened. TechDocs keeps
 * its own clone of each remote instead, bare and without file contents
 * (`--filter=blob:none`; a server that cannot filter sends them anyway),
 * fetched when a mirror is at a commit the clone does not have yet, and
 * asks it with a single `git log` per site.
 */
export class GitHistory {
  /** One clone or fetch per remote at a time; two would fight over its refs and packs. */
  private readonly queue = new KeyedQueue();
  private readonly memo = new Map<string, Map<string, string>>();
  private readonly failures = new Map<string, { commit: string; at: number }>();
  private readonly warned = new Set<string>();
  private readonly timeoutMs: number;
  private readonly retryAfterMs: number;

  constructor(private readonly options: GitHistoryOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryAfterMs = options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Where the history of this remote (as the mirror spells it) is kept. */
  dirFor(remoteUrl: string): string {
    return path.join(path.resolve(this.options.baseDir), createHash('sha256').update(remoteUrl).digest('hex').slice(0, 32));
  }

  /**
   * The last commit time (ISO 8601) of each file under `folder` (a
   * slash-separated path inside the repository, '' for all of it) as of the
   * mirror's commit, keyed by path relative to `folder`. Empty, never an
   * error, when the history cannot be had: dates are a nicety, pages are not.
   */
  async lastUpdated(mirrorDir: string, folder: string): Promise<Map<string, string>> {
    let mirror: MirrorState;
    try {
      mirror = await this.readMirror(mirrorDir);
    } catch (error) {
      this.warnOnce(mirrorDir, `Cannot tell which remote the git mirror ${mirrorDir} is of, so its docs show no dates: ${messageOf(error)}`);
      return new Map();
    }
    this.warned.delete(mirrorDir);
    const cacheDir = this.dirFor(mirror.remote.url);
    const memoKey = `${cacheDir}\n${mirror.commit}\n${folder}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    try {
      const dates = await this.queue.run(cacheDir, async () => {
        await this.ensureCommit(cacheDir, mirror);
        return this.log(cacheDir, mirror, folder);
      });
      this.warned.delete(cacheDir);
      this.memo.set(memoKey, dates);
      if (this.memo.size > MAX_MEMO) this.memo.delete(this.memo.keys().next().value!);
      return dates;
    } catch (error) {
      this.warnOnce(cacheDir, `No last-updated dates for docs from ${redactGitUrl(mirror.remote.url)}: ${messageOf(error)}`);
      return new Map();
    }
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.logger.warn(message);
  }

  private git(args: string[], remote: GitRemote, cwd?: string): Promise<string> {
    return runGit(args, { allowedProtocols: allowedGitProtocols(remote), timeoutMs: this.timeoutMs, ...(cwd ? { cwd } : {}) });
  }

  /** The mirror's remote (checked with the catalog's own rules), commit and branch. */
  private async readMirror(mirrorDir: string): Promise<MirrorState> {
    const local: GitRemote = { url: mirrorDir, protocol: 'file' };
    const url = await this.git(['config', '--get', 'remote.origin.url'], local, mirrorDir);
    const remote = parseGitRemote(url);
    const [commit, ref] = (await this.git(['rev-parse', 'HEAD', '--symbolic-full-name', 'HEAD'], local, mirrorDir)).split('\n');
    if (!commit || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) throw new Error(`its HEAD is not a commit`);
    const branch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    if (branch !== undefined) checkBranchName(branch);
    return { remote, commit, branch };
  }

  /** Has the commit, without ever asking the remote for a missing object (which a partial clone would do). */
  private async hasCommit(cacheDir: string, remote: GitRemote, commit: string): Promise<boolean> {
    try {
      await this.git(['rev-list', '--missing=allow-any', '--max-count=1', commit], remote, cacheDir);
      return true;
    } catch {
      return false;
    }
  }

  private async ensureCommit(cacheDir: string, mirror: MirrorState): Promise<void> {
    const { remote, commit } = mirror;
    const cloned = fs.existsSync(path.join(cacheDir, 'HEAD'));
    if (cloned && (await this.hasCommit(cacheDir, remote, commit))) return;
    const failed = this.failures.get(cacheDir);
    if (failed && failed.commit === commit && this.now() - failed.at < this.retryAfterMs) {
      throw new Error(`the last attempt failed; next try after ${new Date(failed.at + this.retryAfterMs).toISOString()}`);
    }
    try {
      if (cloned) await this.fetch(cacheDir, mirror);
      else await this.clone(cacheDir, mirror);
      this.failures.delete(cacheDir);
    } catch (error) {
      this.failures.set(cacheDir, { commit, at: this.now() });
      throw error;
    }
    if (!(await this.hasCommit(cacheDir, remote, commit))) {
      // The remote moved past it by a force-push: the mirror will follow on the catalog's next fetch.
      throw new Error(`commit ${commit.slice(0, 12)} is no longer in the remote's history`);
    }
  }

  /** Fetched into a ref of its own, so the commits are kept (a bare clone has no fetch refspec). */
  private refspec(mirror: MirrorState): string {
    return mirror.branch === undefined ? '+HEAD:refs/callboard/HEAD' : `+refs/heads/${mirror.branch}:refs/heads/${mirror.branch}`;
  }

  private async clone(cacheDir: string, mirror: MirrorState): Promise<void> {
    const { remote } = mirror;
    await fs.promises.mkdir(path.dirname(cacheDir), { recursive: true });
    // Cloned beside the final folder and swapped in, so a failed clone leaves nothing half-made.
    const tmp = `${cacheDir}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      await this.git(
        [
          'clone',
          '--bare',
          '--quiet',
          '--no-tags',
          '--filter=blob:none',
          // --upload-pack for the clone itself, the config entry for later fetches.
          ...(remote.protocol === 'file' ? ['--upload-pack', LOCAL_UPLOAD_PACK, '--config', `remote.origin.uploadpack=${LOCAL_UPLOAD_PACK}`] : []),
          ...(mirror.branch === undefined ? [] : ['--single-branch', '--branch', mirror.branch]),
          '--',
          remote.url,
          tmp,
        ],
        remote,
      );
      await fs.promises.rm(cacheDir, { recursive: true, force: true });
      await fs.promises.rename(tmp, cacheDir);
    } catch (error) {
      await fs.promises.rm(tmp, { recursive: true, force: true });
      throw error;
    }
    if (mirror.branch === undefined) await this.fetch(cacheDir, mirror);
  }

  private async fetch(cacheDir: string, mirror: MirrorState): Promise<void> {
    await this.git(['fetch', '--quiet', '--no-tags', 'origin', this.refspec(mirror)], mirror.remote, cacheDir);
  }

  private async log(cacheDir: string, mirror: MirrorState, folder: string): Promise<Map<string, string>> {
    const prefix = folder === '' || folder === '.' ? '' : `${folder.replace(/\/+$/, '')}/`;
    // No rename detection: it would compare file contents, which a blobless clone fetches one by one.
    const out = await runGit(
      [
        'log',
        '--no-renames',
        `--max-count=${MAX_COMMITS}`,
        '--format=%x1e%H %cI',
        '--name-only',
        mirror.commit,
        '--',
        ...(prefix ? [prefix] : []),
      ],
      { allowedProtocols: allowedGitProtocols(mirror.remote), timeoutMs: 60_000, cwd: cacheDir, config: ['core.quotePath=false'] },
    );
    const dates = new Map<string, string>();
    for (const block of out.split('\x1e')) {
      const [header, ...names] = block.split('\n').filter(Boolean);
      const date = header?.split(' ')[1];
      if (!date) continue;
      for (const name of names) {
        if (!name.startsWith(prefix)) continue;
        const relative = name.slice(prefix.length);
        if (!dates.has(relative)) dates.set(relative, date);
      }
    }
    return dates;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof GitCommandError) return error.timedOut ? error.message : usefulGitLine(error.stderr) || error.message;
  return error instanceof Error ? error.message : String(error);
}
