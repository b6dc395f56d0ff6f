import { execFile } from 'node:child_process';
import os from 'node:os';

export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface RunGitOptions {
  cwd: string;
  /** Colon-separated, as GIT_ALLOW_PROTOCOL takes them. */
  allowedProtocols: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Extra `-c key=value` settings, e.g. an Authorization header. Never logged. */
  config?: string[];
}

/**
 * git for a server: the machine's and user's git config are ignored (hooks,
 * signing, credential helpers would make results depend on the host), no
 * prompt can block, and only the named transports may be used — which also
 * rules out ext:: and similar transports that run commands.
 */
function gitEnv(allowedProtocols: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES']) {
    delete env[key];
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    GIT_ALLOW_PROTOCOL: allowedProtocols,
  };
}

const SAFE_CONFIG = ['-c', 'credential.helper=', '-c', 'core.askPass=', '-c', `core.hooksPath=${os.devNull}`, '-c', 'commit.gpgsign=false'];

/** Credentials never appear in messages. */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/)[^/@\s]+@/g, '$1***@');
}

export function runGit(args: readonly string[], options: RunGitOptions): Promise<string> {
  const config = (options.config ?? []).flatMap((c) => ['-c', c]);
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFE_CONFIG, ...config, ...args],
      {
        cwd: options.cwd,
        env: gitEnv(options.allowedProtocols),
        timeout: options.timeoutMs ?? 120_000,
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
        const lines = String(stderr)
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        const line = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[lines.length - 1] ?? error.message;
        reject(new GitError(`git ${args[0]} failed: ${redactUrl(line.replace(/^(fatal|error):\s*/, ''))}`, String(stderr)));
      },
    );
  });
}
