import { runGit } from '@callboard/backend-plugin-api';

export interface CommitAndPushOptions {
  dir: string;
  remoteUrl: string;
  /** Colon-separated transports git may use for remoteUrl. */
  allowedProtocols: string;
  branch: string;
  message: string;
  author: { name: string; email: string };
  /** Sent as HTTP basic auth (x-access-token), as GitHub and most git hosts accept tokens. */
  token?: string | undefined;
  signal?: AbortSignal;
}

/** Makes `dir` a repository with one commit of everything in it and pushes it to `branch`. */
export async function commitAndPush(options: CommitAndPushOptions): Promise<{ commitHash: string }> {
  const auth = options.token
    ? [`http.extraHeader=Authorization: Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`]
    : [];
  const git = (args: string[], config: string[] = []) =>
    runGit(args, { cwd: options.dir, allowedProtocols: options.allowedProtocols, config, ...(options.signal ? { signal: options.signal } : {}) });
  await git(['init', '--quiet', '--initial-branch', options.branch]);
  await git(['add', '--all']);
  await git(
    ['commit', '--quiet', '--no-verify', '-m', options.message],
    [`user.name=${options.author.name}`, `user.email=${options.author.email}`],
  );
  const commitHash = await git(['rev-parse', 'HEAD']);
  await git(['push', '--quiet', options.remoteUrl, `HEAD:refs/heads/${options.branch}`], auth);
  return { commitHash };
}

const BAD_BRANCH = /(^[-/.])|([/.]$)|\.\.|\/\/|@\{|[\s~^:?*[\\\x00-\x1f\x7f]|\.lock(\/|$)/;

export function isValidBranchName(branch: string): boolean {
  return branch.length > 0 && !BAD_BRANCH.test(branch);
}
