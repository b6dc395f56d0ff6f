import { execFile } from 'node:child_process';

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

/**
 * A server must never wait on a person: no terminal prompt, no askpass
 * program, no credential helper (some open windows or keychains), and ssh in
 * batch mode so a passphrase or unknown host fails instead of asking.
 */
function gitEnv(allowedProtocols: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Set when Callboard itself runs from a git hook; they would redirect every command.
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES']) {
    delete env[key];
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    // Also rules out transports such as ext:: that run commands.
    GIT_ALLOW_PROTOCOL: allowedProtocols,
  };
}

/** `-c` options placed before every subcommand. */
const SAFE_CONFIG = ['-c', 'credential.helper=', '-c', 'core.askPass=', '-c', 'advice.detachedHead=false'];

export interface RunGitOptions {
  cwd?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Colon-separated, as GIT_ALLOW_PROTOCOL takes them. */
  allowedProtocols: string;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Runs git and resolves with its trimmed stdout; rejects with GitCommandError. */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFE_CONFIG, ...args],
      {
        ...(options.cwd ? { cwd: options.cwd } : {}),
        env: gitEnv(options.allowedProtocols),
        timeout: options.timeoutMs,
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
          reject(options.signal.reason ?? error);
          return;
        }
        const timedOut = (error as { killed?: boolean }).killed === true;
        reject(
          new GitCommandError(
            timedOut ? `git ${args[0]} timed out after ${formatDuration(options.timeoutMs)}` : `git ${args[0]} failed`,
            String(stderr),
            timedOut,
          ),
        );
      },
    );
  });
}

/** Credentials never appear in messages, even if a remote carried some. */
export function redact(text: string): string {
  return text.replace(/(\/\/)[^/@\s]+@/g, '$1***@');
}

/** The line of git's stderr that says what went wrong, without its "fatal: " prefix. */
export function usefulGitLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const line =
    lines.find((l) => l.startsWith('fatal:')) ?? lines.find((l) => l.startsWith('error:')) ?? lines[lines.length - 1] ?? '';
  return redact(line.replace(/^(fatal|error):\s*/, ''));
}
