import { execFile } from 'node:child_process';
import os from 'node:os';

/** git exited with an error or ran out of time; `stderr` is git's own output. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

export interface RunGitOptions {
  cwd?: string;
  /** Colon-separated, as GIT_ALLOW_PROTOCOL takes them. */
  allowedProtocols: string;
  /** Two minutes when absent. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Extra `-c key=value` settings, e.g. an Authorization header. Never logged. */
  config?: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * git for a server. It must never wait on a person: no terminal prompt, no
 * askpass program, no credential helper (some open windows or keychains), ssh
 * in batch mode so a passphrase or unknown host fails instead of asking. The
 * machine's and user's git config are ignored (hooks, signing and helpers
 * would make results depend on the host), and only the named transports may
 * be used, which also rules out transports such as ext:: that run commands.
 */
function gitEnv(allowedProtocols: string): NodeJS.ProcessEnv {
  // Copying process.env costs a call into the runtime per variable; a catalog
  // refresh runs git hundreds of times, so the result is kept. The server does
  // not change its environment after start.
  let env = gitEnvs.get(allowedProtocols);
  if (!env) gitEnvs.set(allowedProtocols, (env = buildGitEnv(allowedProtocols)));
  return env;
}

const gitEnvs = new Map<string, NodeJS.ProcessEnv>();

function buildGitEnv(allowedProtocols: string): NodeJS.ProcessEnv {
  return {
    ...hostIndependentGitEnv(),
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    GIT_ALLOW_PROTOCOL: allowedProtocols,
  };
}

/**
 * The environment without what ties git to this machine: its system and
 * user config, a terminal prompt, and the variables set when the process
 * runs from a git hook, which would redirect every command to that
 * repository. Shared by the server's git and the tests' fixture repositories.
 */
export function hostIndependentGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES']) {
    delete env[key];
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };
}

/** `-c` options placed before every subcommand. */
const SAFE_CONFIG = [
  ...['credential.helper=', 'core.askPass=', `core.hooksPath=${os.devNull}`, 'commit.gpgsign=false', 'advice.detachedHead=false'].flatMap((c) => [
    '-c',
    c,
  ]),
];

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Credentials never appear in messages, even if a remote carried some. */
export function redactGitUrl(text: string): string {
  return text.replace(/(\/\/)[^/@\s]+@/g, '$1***@');
}

/** The line of git's stderr that says what went wrong, without its "fatal: " prefix, credentials redacted. */
export function usefulGitLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const line =
    lines.find((l) => l.startsWith('fatal:')) ?? lines.find((l) => l.startsWith('error:')) ?? lines[lines.length - 1] ?? '';
  return redactGitUrl(line.replace(/^(fatal|error):\s*/, ''));
}

/**
 * Runs git the way a server must (see gitEnv) and resolves with its trimmed
 * stdout; rejects with GitCommandError, whose message names the subcommand
 * and git's own reason.
 */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const config = (options.config ?? []).flatMap((c) => ['-c', c]);
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFE_CONFIG, ...config, ...args],
      {
        ...(options.cwd ? { cwd: options.cwd } : {}),
        env: gitEnv(options.allowedProtocols),
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout.trim());
          return;
        }
        if (options.signal?.aborted) {
          reject(options.signal.reason instanceof Error ? options.signal.reason : error);
          return;
        }
        const timedOut = (error as { killed?: boolean }).killed === true;
        const reason = usefulGitLine(String(stderr));
        reject(
          new GitCommandError(
            timedOut ? `git ${args[0]} timed out after ${formatDuration(timeoutMs)}` : `git ${args[0]} failed${reason ? `: ${reason}` : ''}`,
            String(stderr),
            timedOut,
          ),
        );
      },
    );
  });
}
