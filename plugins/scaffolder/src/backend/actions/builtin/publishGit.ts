import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { InputError } from '@callboard/common';
import { commitAndPush, isValidBranchName } from '../../git/commitAndPush.ts';
import { resolveSafePath } from '../../workspace/resolveSafePath.ts';
import { createTemplateAction } from '../createTemplateAction.ts';

export interface PublishGitDefaults {
  defaultBranch: string;
  author: { name: string; email: string };
  commitMessage: string;
  /** Accept http:// remotes (plain text on the wire); https, ssh and file are always accepted. */
  allowHttp: boolean;
  /**
   * Accept absolute paths and file:// remotes. Off by default: a remote URL
   * may come from what a user typed, and a local path would let them push
   * into any repository on the server's disk.
   */
  allowLocalRemotes: boolean;
}

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)[^\s]+$/;

/** The URL git is given and the one transport it may use for it. */
function parseRemote(remote: string, defaults: PublishGitDefaults): { url: string; protocol: string } {
  const local = () =>
    new InputError(`publish:git does not push to local paths ('${remote}') unless scaffolder.git.allowLocalRemotes is set`);
  const trimmed = remote.trim();
  // A leading dash would be read by git as an option.
  if (!trimmed || trimmed.startsWith('-') || /[\0\n\r]/.test(trimmed)) throw new InputError(`'${remote}' is not a git remote URL`);
  if (SCP_LIKE.test(trimmed)) return { url: trimmed, protocol: 'ssh' };
  if (path.isAbsolute(trimmed)) {
    if (!defaults.allowLocalRemotes) throw local();
    return { url: pathToFileURL(trimmed).href, protocol: 'file' };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InputError(`'${remote}' is not a git remote URL; use https://…, ssh://…, git@host:org/repo.git or an absolute path`);
  }
  const protocol = url.protocol.replace(/:$/, '');
  if (url.password) throw new InputError(`The remote URL carries a password; pass credentials as a secret, not in the URL`);
  if (protocol === 'file' && !defaults.allowLocalRemotes) throw local();
  if (protocol === 'https' || protocol === 'ssh' || protocol === 'file') return { url: url.href, protocol };
  if (protocol === 'http' && defaults.allowHttp) return { url: url.href, protocol };
  throw new InputError(`publish:git does not push over ${protocol}; use https or ssh${protocol === 'http' ? ' (or set scaffolder.git.allowHttp)' : ''}`);
}

export function createPublishGitAction(defaults: PublishGitDefaults) {
  return createTemplateAction({
    id: 'publish:git',
    description: "Initialises a git repository from the workspace, commits everything, and pushes it to a remote's branch.",
    schema: {
      input: z.object({
        remoteUrl: z.string().min(1).describe('Any git remote: https://host/org/repo.git, git@host:org/repo.git, or (with scaffolder.git.allowLocalRemotes) an absolute path to a bare repository'),
        defaultBranch: z.string().optional().describe(`The branch to push; ${defaults.defaultBranch} when absent`),
        sourcePath: z.string().optional().describe('The folder of the workspace to publish; the whole workspace when absent'),
        gitCommitMessage: z.string().optional().describe(`'${defaults.commitMessage}' when absent`),
        gitAuthorName: z.string().optional(),
        gitAuthorEmail: z.string().optional(),
        token: z.string().optional().describe('A token sent as HTTP basic auth password; pass it as ${{ secrets.x }}'),
      }),
      output: z.object({ remoteUrl: z.string(), commitHash: z.string(), branch: z.string() }),
    },
    async handler(ctx) {
      const { input } = ctx;
      const remote = parseRemote(input.remoteUrl, defaults);
      const branch = input.defaultBranch ?? defaults.defaultBranch;
      if (!isValidBranchName(branch)) throw new InputError(`'${branch}' is not a valid git branch name`);
      const dir = resolveSafePath(ctx.workspacePath, input.sourcePath ?? '.', 'sourcePath');
      const name = input.gitAuthorName ?? defaults.author.name;
      const email = input.gitAuthorEmail ?? defaults.author.email;
      ctx.logger.info(`Committing the workspace as ${name} <${email}> and pushing it to ${remote.url} (${branch})`);
      const { commitHash } = await commitAndPush({
        dir,
        remoteUrl: remote.url,
        allowedProtocols: remote.protocol,
        branch,
        message: input.gitCommitMessage ?? defaults.commitMessage,
        author: { name, email },
        token: input.token,
        signal: ctx.signal,
      });
      ctx.logger.info(`Pushed to ${remote.url} (${branch})`);
      ctx.output('remoteUrl', input.remoteUrl);
      ctx.output('commitHash', commitHash);
      ctx.output('branch', branch);
    },
  });
}
