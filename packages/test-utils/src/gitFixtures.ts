import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hostIndependentGitEnv } from '@callboard/backend-plugin-api';

/**
 * Fixture git runs must not depend on the machine's git config (signing,
 * hooks, default branch) nor on a repository the tests happen to run inside.
 */
function fixtureEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...hostIndependentGitEnv(),
    GIT_AUTHOR_NAME: 'Callboard Tests',
    GIT_AUTHOR_EMAIL: 'tests@callboard.invalid',
    GIT_COMMITTER_NAME: 'Callboard Tests',
    GIT_COMMITTER_EMAIL: 'tests@callboard.invalid',
    ...extra,
  };
}

export function runGitFixture(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: fixtureEnv(env), timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${String(stderr).trim() || error.message}`));
      else resolve(String(stdout).trim());
    });
  });
}

export interface GitRepoFixture {
  /** The working tree; its .git folder is the repository. */
  dir: string;
  /** The commit the branch points at, updated by commit(). */
  readonly head: string;
  branch: string;
  /** Writes files into the working tree; undefined deletes one. Commit to record them. */
  write(files: Record<string, string | Buffer | undefined>): void;
  /**
   * Commits everything in the working tree and returns the new commit.
   * `date` (ISO 8601) sets both author and committer dates, for tests of history.
   */
  commit(message: string, options?: { date?: string }): Promise<string>;
  /** Removes the repository from disk. */
  cleanup(): Promise<void>;
}

function writeFiles(dir: string, files: Record<string, string | Buffer | undefined>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.resolve(dir, name);
    if (path.relative(dir, file).split(path.sep)[0] === '..') throw new Error(`Fixture file '${name}' is outside the repository`);
    if (text === undefined) {
      fs.rmSync(file, { force: true });
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
}

/** A real git repository in a temporary folder, with `files` as its first commit. */
export async function createGitRepo(
  files: Record<string, string | Buffer>,
  options?: {
    branch?: string;
    /** ISO 8601 date of the first commit. */
    date?: string;
  },
): Promise<GitRepoFixture> {
  const branch = options?.branch ?? 'main';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-git-'));
  await runGitFixture(['init', '--quiet', '--initial-branch', branch], dir);
  writeFiles(dir, files);
  let head = '';
  const fixture: GitRepoFixture = {
    dir,
    branch,
    get head() {
      return head;
    },
    write: (more) => writeFiles(dir, more),
    async commit(message, options) {
      const dates = options?.date ? { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date } : {};
      await runGitFixture(['add', '--all'], dir);
      await runGitFixture(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '--allow-empty', '--no-verify', '-m', message], dir, dates);
      head = await runGitFixture(['rev-parse', 'HEAD'], dir);
      return head;
    },
    cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
  await fixture.commit('Initial commit', options?.date ? { date: options.date } : {});
  return fixture;
}

export interface GitHttpServer {
  /** The clone URL, e.g. http://127.0.0.1:41234/repo.git */
  url: string;
  /** Paths requested so far, e.g. '/repo.git/info/refs'. */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * Serves a repository over git's "dumb HTTP" protocol: plain static files,
 * with `git update-server-info` run before each ref listing so new commits
 * show. Takes a bare repository or a working tree (its .git is served).
 */
export async function serveGitOverHttp(repoDir: string): Promise<GitHttpServer> {
  const dotGit = path.join(repoDir, '.git');
  const gitDir = fs.existsSync(dotGit) && fs.statSync(dotGit).isDirectory() ? dotGit : repoDir;
  const root = fs.realpathSync(gitDir);
  const prefix = '/repo.git';
  const requests: string[] = [];

  const server = http.createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
      requests.push(pathname);
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !pathname.startsWith(`${prefix}/`)) {
        res.writeHead(404).end();
        return;
      }
      const relative = pathname.slice(prefix.length + 1);
      if (relative === 'info/refs') await runGitFixture(['--git-dir', root, 'update-server-info'], root);
      const file = path.resolve(root, relative);
      if (path.relative(root, file).split(path.sep)[0] === '..') {
        res.writeHead(404).end();
        return;
      }
      let data: Buffer;
      try {
        data = await fs.promises.readFile(file);
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.byteLength) });
      res.end(data);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * A new folder on another filesystem than the temporary directory (Linux's
 * /dev/shm), or undefined where there is none. The catalog links the objects
 * of a local repository into its mirror when both are on one filesystem, so
 * a test that needs a shallow mirror of a fixture repository keeps its
 * mirrors here.
 */
export function otherFilesystemDir(prefix: string): string | undefined {
  try {
    if (fs.statSync('/dev/shm').dev === fs.statSync(os.tmpdir()).dev) return undefined;
    return fs.mkdtempSync(path.join('/dev/shm', prefix));
  } catch {
    return undefined;
  }
}
