import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError, ServiceUnavailableError } from '@callboard/common';
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
} from '@callboard/backend-plugin-api';
import { readHeadCommit } from './readHeadCommit.ts';

export interface GitMirrorOptions {
  /** Each remote and branch gets its own folder under it. */
  baseDir: string;
  /** Per git command; 2 minutes when absent. */
  timeoutMs?: number;
  /** Accept http:// remotes on loopback addresses. For tests against a local server only. */
  allowHttp?: boolean;
}

export interface GitSyncOptions {
  /** The remote's default branch (its HEAD) when absent. */
  branch?: string;
  signal?: AbortSignal;
}

export interface GitSyncResult {
  /** The checked-out working tree. */
  dir: string;
  commit: string;
  /** False when the remote was already at the mirrored commit and nothing was fetched. */
  changed: boolean;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** Dumb HTTP servers cannot serve shallow clones; such remotes are fetched in full. */
const DUMB_HTTP_SHALLOW = /dumb http transport does not support shallow/i;

/**
 * Keeps shallow working copies of git remotes for `git` catalog locations
 * (repositories on the mirrors' own filesystem are linked, see linkableSource).
 * A sync asks the remote for its commit first, so an unchanged remote costs
 * one ls-remote, and a failed sync leaves the last good copy in place.
 */
export class GitMirror {
  /** Two syncs of one mirror at once would fight over its index and HEAD. */
  private readonly queue = new KeyedQueue();
  private readonly timeoutMs: number;

  private constructor(private readonly options: GitMirrorOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  static create(options: GitMirrorOptions): GitMirror {
    fs.mkdirSync(options.baseDir, { recursive: true });
    return new GitMirror({ ...options, baseDir: path.resolve(options.baseDir) });
  }

  /** Where the mirror of this remote and branch lives, synced or not. */
  dirFor(remote: string, branch?: string): string {
    const key = createHash('sha256').update(`${remote.trim()}\n${branch ?? ''}`).digest('hex').slice(0, 32);
    return path.join(this.options.baseDir, key);
  }

  /**
   * Removes the mirrors of every remote and branch not in `keep` (locations
   * that were unregistered or changed), and clones a crash left half-made.
   * A mirror being synced right now is left alone. Returns the folders removed.
   */
  async prune(keep: readonly { remote: string; branch?: string }[]): Promise<string[]> {
    const wanted = new Set(keep.map((k) => this.dirFor(k.remote, k.branch)));
    const removed: string[] = [];
    for (const name of await fs.promises.readdir(this.options.baseDir)) {
      const dir = path.join(this.options.baseDir, name);
      const mirror = name.replace(/\.tmp-[0-9a-f]+$/, '');
      if (this.queue.isBusy(path.join(this.options.baseDir, mirror))) continue;
      if (name === mirror && wanted.has(dir)) continue;
      // Only what this class makes: a 32-hex-digit folder, or one of its clones in progress.
      if (!/^[0-9a-f]{32}$/.test(mirror)) continue;
      await fs.promises.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
    return removed;
  }

  async sync(remote: string, options: GitSyncOptions = {}): Promise<GitSyncResult> {
    const parsed = parseGitRemote(remote, { allowHttp: this.options.allowHttp ?? false });
    if (options.branch !== undefined) checkBranchName(options.branch);
    const dir = this.dirFor(remote, options.branch);
    return this.queue.run(dir, () => this.syncUnlocked(remote, parsed, dir, options));
  }

  private git(args: string[], remote: GitRemote, options: { cwd?: string; signal?: AbortSignal }): Promise<string> {
    return runGit(args, {
      timeoutMs: this.timeoutMs,
      allowedProtocols: allowedGitProtocols(remote),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  private failure(remote: string, error: unknown, branch: string | undefined): Error {
    if (!(error instanceof GitCommandError)) return error instanceof Error ? error : new Error(String(error));
    const line = error.timedOut ? error.message : usefulGitLine(error.stderr) || error.message;
    if (branch !== undefined && /Remote branch .* not found/i.test(error.stderr)) {
      return new NotFoundError(`Branch '${branch}' was not found in the git remote ${redactGitUrl(remote)}`);
    }
    return new ServiceUnavailableError(`Cannot sync the git remote ${redactGitUrl(remote)}: ${line}`, { cause: error });
  }

  private async syncUnlocked(remote: string, parsed: GitRemote, dir: string, options: GitSyncOptions): Promise<GitSyncResult> {
    const { branch, signal } = options;
    try {
      const local = await this.localCommit(dir, parsed, signal);
      if (local === undefined) {
        const commit = await this.cloneFresh(parsed, dir, branch, signal);
        return { dir, commit, changed: true };
      }
      const remoteCommit = await this.remoteCommit(remote, parsed, branch, signal);
      if (remoteCommit === local) return { dir, commit: local, changed: false };
      await this.fetch(parsed, dir, branch, signal);
      await this.git(['reset', '--hard', '--quiet', 'FETCH_HEAD'], parsed, { cwd: dir, ...(signal ? { signal } : {}) });
      await this.git(['clean', '-ffdxq'], parsed, { cwd: dir, ...(signal ? { signal } : {}) });
      const commit = await this.headCommit(parsed, dir, signal);
      return { dir, commit, changed: commit !== local };
    } catch (error) {
      throw this.failure(remote, error, branch);
    }
  }

  private async headCommit(remote: GitRemote, dir: string, signal?: AbortSignal): Promise<string> {
    return (await readHeadCommit(dir)) ?? (await this.git(['rev-parse', '--verify', 'HEAD'], remote, { cwd: dir, ...(signal ? { signal } : {}) }));
  }

  /** The mirrored commit, or undefined when there is no usable mirror of this remote. */
  private async localCommit(dir: string, remote: GitRemote, signal?: AbortSignal): Promise<string | undefined> {
    if (!fs.existsSync(path.join(dir, '.git'))) return undefined;
    try {
      const origin = await this.git(['config', '--get', 'remote.origin.url'], remote, { cwd: dir, ...(signal ? { signal } : {}) });
      if (origin !== remote.url && origin !== this.linkableSource(remote)) return undefined;
      return await this.headCommit(remote, dir, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined;
    }
  }

  private async remoteCommit(remote: string, parsed: GitRemote, branch: string | undefined, signal?: AbortSignal): Promise<string> {
    const ref = branch === undefined ? 'HEAD' : `refs/heads/${branch}`;
    const out = await this.git(['ls-remote', '--', parsed.url, ref], parsed, signal ? { signal } : {});
    const line = out
      .split('\n')
      .map((l) => l.split('\t'))
      .find(([, name]) => name === ref);
    if (!line?.[0]) {
      throw branch === undefined
        ? new ServiceUnavailableError(`The git remote ${redactGitUrl(remote)} has no HEAD; name a branch`)
        : new NotFoundError(`Branch '${branch}' was not found in the git remote ${redactGitUrl(remote)}`);
    }
    return line[0];
  }

  /**
   * The path of a repository on this machine whose objects can be hard-linked
   * into the mirrors (same filesystem), or undefined. git clones such a path
   * by linking its object files instead of packing and unpacking them: half
   * the CPU of a shallow clone, which matters when hundreds of locations load
   * at once, and no extra disk, so the whole history comes for free. Across
   * filesystems linking would mean copying the whole history, so those stay
   * shallow clones of the file:// URL.
   */
  private linkableSource(remote: GitRemote): string | undefined {
    if (remote.protocol !== 'file') return undefined;
    try {
      const source = fileURLToPath(remote.url);
      return fs.statSync(source).dev === fs.statSync(this.options.baseDir).dev ? source : undefined;
    } catch {
      return undefined;
    }
  }

  private async cloneFresh(remote: GitRemote, dir: string, branch: string | undefined, signal?: AbortSignal): Promise<string> {
    // Clone beside the final folder, then swap, so a failed clone leaves nothing half-made.
    const tmp = `${dir}.tmp-${randomBytes(6).toString('hex')}`;
    const linkable = this.linkableSource(remote);
    const args = (shallow: boolean) => [
      'clone',
      '--quiet',
      // No template: a mirror needs no sample hooks or description (a third
      // of a clone's files, each a file created on every first load), and an
      // init.templateDir set on the server cannot put hooks into mirrors.
      '--template=',
      '--no-tags',
      '--single-branch',
      ...(shallow && !linkable ? ['--depth', '1'] : []),
      ...(branch === undefined ? [] : ['--branch', branch]),
      '--',
      linkable ?? remote.url,
      tmp,
    ];
    const opts = signal ? { signal } : {};
    try {
      try {
        await this.git(args(true), remote, opts);
      } catch (error) {
        if (!(error instanceof GitCommandError) || !DUMB_HTTP_SHALLOW.test(error.stderr)) throw error;
        await fs.promises.rm(tmp, { recursive: true, force: true });
        await this.git(args(false), remote, opts);
      }
      const commit = await this.headCommit(remote, tmp, signal);
      await fs.promises.rm(dir, { recursive: true, force: true });
      await fs.promises.rename(tmp, dir);
      return commit;
    } catch (error) {
      await fs.promises.rm(tmp, { recursive: true, force: true });
      throw error;
    }
  }

  private async fetch(remote: GitRemote, dir: string, branch: string | undefined, signal?: AbortSignal): Promise<void> {
    const ref = branch === undefined ? 'HEAD' : `refs/heads/${branch}`;
    const opts = { cwd: dir, ...(signal ? { signal } : {}) };
    try {
      await this.git(['fetch', '--quiet', '--no-tags', '--depth', '1', 'origin', ref], remote, opts);
    } catch (error) {
      if (!(error instanceof GitCommandError) || !DUMB_HTTP_SHALLOW.test(error.stderr)) throw error;
      await this.git(['fetch', '--quiet', '--no-tags', 'origin', ref], remote, opts);
    }
  }
}
