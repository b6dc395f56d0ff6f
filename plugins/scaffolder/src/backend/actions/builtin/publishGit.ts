import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { runGit } from '@callboard/backend-plugin-api';
import { InputError } from '@callboard/common';
import { commitAndPush, isValidBranchName } from '../../git/commitAndPush.ts';
import { LOCAL_HOST, localRepoPath, type LocalGitHost } from '../../git/localGitHost.ts';
import { parseRepoUrl } from '../../../common/repoUrl.ts';
import type { GithubPublishTarget } from '../../github/githubIntegrations.ts';
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

/** Where a repoUrl leads: the remote git is given, and what the step reports. */
interface Destination {
  url: string;
  protocol: string;
  /** What the step outputs as remoteUrl. */
  shownUrl: string;
  token?: string | undefined;
  repoContentsUrl?: (branch: string) => string;
  /** Runs just before the push, once the branch is known. */
  prepare?: (branch: string, signal: AbortSignal) => Promise<void>;
}

export interface PublishGitHosts {
  /** integrations.local, when configured. */
  local?: LocalGitHost | undefined;
  /** integrations.github. */
  github: readonly GithubPublishTarget[];
}

function knownHosts(hosts: PublishGitHosts): string {
  const names = [...(hosts.local ? [LOCAL_HOST] : []), ...hosts.github.map((t) => t.host)];
  return names.length ? names.join(', ') : 'none';
}

function destinationFor(repoUrl: string, hosts: PublishGitHosts, token: string | undefined): Destination {
  const { host, owner, repo } = parseRepoUrl(repoUrl);
  if (host === LOCAL_HOST && hosts.local) {
    const repoPath = localRepoPath(hosts.local, owner, repo, repoUrl);
    return {
      url: pathToFileURL(repoPath).href,
      protocol: 'file',
      shownUrl: repoPath,
      prepare: (branch, signal) => prepareLocalRepo(repoPath, branch, `${LOCAL_HOST}?owner=${owner}&repo=${repo}`, signal),
    };
  }
  const target = hosts.github.find((t) => t.host === host);
  if (!target) {
    throw new InputError(`publish:git cannot publish to '${host}': it is not a configured Git host (configured: ${knownHosts(hosts)})`);
  }
  if (!owner || !/^[A-Za-z0-9-]+$/.test(owner) || !/^[A-Za-z0-9_.-]+$/.test(repo)) {
    throw new InputError(`repoUrl '${repoUrl}' has an owner or repository name GitHub does not accept`);
  }
  // A loopback fake GitHub (tests) speaks http; anything real is https.
  const scheme = target.insecure ? 'http' : 'https';
  const web = `${scheme}://${host}/${owner}/${repo}`;
  return {
    url: `${web}.git`,
    protocol: scheme,
    shownUrl: `${web}.git`,
    token: token ?? target.token,
    repoContentsUrl: (branch) => `${web}/blob/${branch}`,
  };
}

/**
 * Makes the bare repository a wizard run publishes to, or accepts an empty
 * one; a repository that has commits belongs to someone and is never pushed over.
 */
async function prepareLocalRepo(repoPath: string, branch: string, label: string, signal: AbortSignal): Promise<void> {
  const taken = () => new InputError(`a repository ${label} already exists; choose another name`);
  if (fs.existsSync(repoPath)) {
    let refs: string;
    try {
      refs = await runGit(['--git-dir', repoPath, 'for-each-ref', '--count=1', '--format=%(refname)'], { allowedProtocols: 'file', signal });
    } catch {
      throw taken();
    }
    if (refs) throw taken();
    return;
  }
  await fs.promises.mkdir(path.dirname(repoPath), { recursive: true });
  await runGit(['init', '--bare', '--quiet', '--initial-branch', branch, repoPath], { allowedProtocols: 'file', signal });
}

const publishGitInput = (defaults: PublishGitDefaults) =>
  z
    .object({
      remoteUrl: z
        .string()
        .min(1)
        .optional()
        .describe('Any git remote: https://host/org/repo.git, git@host:org/repo.git, or (with scaffolder.git.allowLocalRemotes) an absolute path to a bare repository'),
      repoUrl: z
        .string()
        .min(1)
        .optional()
        .describe("RepoUrlPicker's host?owner=o&repo=r: host 'local' (integrations.local) or a host under integrations.github; used when remoteUrl is absent"),
      defaultBranch: z.string().optional().describe(`The branch to push; ${defaults.defaultBranch} when absent`),
      sourcePath: z.string().optional().describe('The folder of the workspace to publish; the whole workspace when absent'),
      gitCommitMessage: z.string().optional().describe(`'${defaults.commitMessage}' when absent`),
      gitAuthorName: z.string().optional(),
      gitAuthorEmail: z.string().optional(),
      token: z.string().optional().describe('A token sent as HTTP basic auth password; pass it as ${{ secrets.x }}'),
    })
    .refine((input) => (input.remoteUrl === undefined) !== (input.repoUrl === undefined), {
      message: 'publish:git needs exactly one of remoteUrl and repoUrl',
      path: ['remoteUrl'],
    });

export function createPublishGitAction(defaults: PublishGitDefaults, hosts: PublishGitHosts = { github: [] }) {
  return createTemplateAction({
    id: 'publish:git',
    description:
      "Initialises a git repository from the workspace, commits everything, and pushes it to a remote's branch: remoteUrl, or repoUrl on the local Git host (created there) or a GitHub host (which must already have the repository).",
    schema: {
      input: publishGitInput(defaults),
      output: z.object({ remoteUrl: z.string(), commitHash: z.string(), branch: z.string(), repoContentsUrl: z.string().optional() }),
    },
    async handler(ctx) {
      const { input } = ctx;
      const destination: Destination = input.remoteUrl
        ? { ...parseRemote(input.remoteUrl, defaults), shownUrl: input.remoteUrl, token: input.token }
        : destinationFor(input.repoUrl ?? '', hosts, input.token);
      const branch = input.defaultBranch ?? defaults.defaultBranch;
      if (!isValidBranchName(branch)) throw new InputError(`'${branch}' is not a valid git branch name`);
      const dir = resolveSafePath(ctx.workspacePath, input.sourcePath ?? '.', 'sourcePath');
      const name = input.gitAuthorName ?? defaults.author.name;
      const email = input.gitAuthorEmail ?? defaults.author.email;
      await destination.prepare?.(branch, ctx.signal);
      ctx.logger.info(`Committing the workspace as ${name} <${email}> and pushing it to ${destination.shownUrl} (${branch})`);
      const { commitHash } = await commitAndPush({
        dir,
        remoteUrl: destination.url,
        allowedProtocols: destination.protocol,
        branch,
        message: input.gitCommitMessage ?? defaults.commitMessage,
        author: { name, email },
        token: destination.token,
        signal: ctx.signal,
      });
      ctx.logger.info(`Pushed to ${destination.shownUrl} (${branch})`);
      ctx.output('remoteUrl', destination.shownUrl);
      if (destination.repoContentsUrl) ctx.output('repoContentsUrl', destination.repoContentsUrl(branch));
      ctx.output('commitHash', commitHash);
      ctx.output('branch', branch);
    },
  });
}
