import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { InputError } from '@callboard/common';
import { commitAndPush, isValidBranchName } from '../../git/commitAndPush.ts';
import { parseRepoUrl } from '../../../common/repoUrl.ts';
import { findGithubTarget, type GithubPublishTarget } from '../../github/githubIntegrations.ts';
import { resolveSafePath } from '../../workspace/resolveSafePath.ts';
import { createTemplateAction } from '../createTemplateAction.ts';
import type { PublishGitDefaults } from './publishGit.ts';

/** host?owner=o&repo=r, as RepoUrlPicker writes it, with the names GitHub accepts. */
export function parseGithubRepoUrl(repoUrl: string): { host: string; owner: string; repo: string } {
  const usage = () => new InputError(`repoUrl '${repoUrl}' must look like github.com?owner=acme&repo=web-shop`);
  let parsed;
  try {
    parsed = parseRepoUrl(repoUrl);
  } catch {
    throw usage();
  }
  const { host, owner, repo } = parsed;
  if (!repoUrl.includes('?') || !owner) throw usage();
  if (!/^[A-Za-z0-9_.-]+$/.test(repo) || !/^[A-Za-z0-9-]+$/.test(owner)) {
    throw new InputError(`repoUrl '${repoUrl}' has an owner or repository name GitHub does not accept`);
  }
  return { host, owner, repo };
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number'
    ? (error as { status: number }).status
    : undefined;
}

export function createPublishGithubAction(options: { targets: readonly GithubPublishTarget[]; defaults: PublishGitDefaults }) {
  const { targets, defaults } = options;
  return createTemplateAction({
    id: 'publish:github',
    description: 'Creates a GitHub repository (in an organisation or for the token’s user) and pushes the workspace to it.',
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('host?owner=acme&repo=web-shop; the host must be under integrations.github'),
        description: z.string().optional(),
        defaultBranch: z.string().optional().describe(`The branch to push; ${defaults.defaultBranch} when absent`),
        repoVisibility: z.enum(['private', 'internal', 'public']).default('private'),
        sourcePath: z.string().optional().describe('The folder of the workspace to publish; the whole workspace when absent'),
        gitCommitMessage: z.string().optional(),
        gitAuthorName: z.string().optional(),
        gitAuthorEmail: z.string().optional(),
        topics: z.array(z.string()).optional(),
        token: z.string().optional().describe("Overrides the integration's token; pass it as ${{ secrets.x }}"),
      }),
      output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), commitHash: z.string() }),
    },
    async handler(ctx) {
      const { input } = ctx;
      const { host, owner, repo } = parseGithubRepoUrl(input.repoUrl);
      const target = findGithubTarget(targets, host);
      const token = input.token ?? target.token;
      if (!token) throw new InputError(`No token to create repositories on ${host}: set integrations.github[].token or pass token`);
      const branch = input.defaultBranch ?? defaults.defaultBranch;
      if (!isValidBranchName(branch)) throw new InputError(`'${branch}' is not a valid git branch name`);
      const dir = resolveSafePath(ctx.workspacePath, input.sourcePath ?? '.', 'sourcePath');

      const octokit = new Octokit({
        baseUrl: target.apiBaseUrl,
        auth: token,
        userAgent: 'callboard-scaffolder',
        request: { signal: ctx.signal },
        log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      let ownerType: string;
      try {
        ownerType = (await octokit.rest.users.getByUsername({ username: owner })).data.type;
      } catch (error) {
        if (statusOf(error) === 404) throw new InputError(`GitHub at ${host} has no user or organisation '${owner}'`);
        throw error;
      }
      if (ownerType !== 'Organization') {
        // GitHub creates a user's repository under whoever holds the token.
        const me = (await octokit.rest.users.getAuthenticated()).data.login;
        if (me.toLowerCase() !== owner.toLowerCase()) {
          throw new InputError(`'${owner}' is a user account and the token belongs to '${me}'; a token can only create repositories for its own user`);
        }
      }
      const common = {
        name: repo,
        ...(input.description ? { description: input.description } : {}),
        private: input.repoVisibility !== 'public',
      };
      let created;
      try {
        created =
          ownerType === 'Organization'
            ? // 'internal' exists on GitHub Enterprise; octokit's types list only private and public.
              await octokit.rest.repos.createInOrg({ org: owner, ...common, visibility: input.repoVisibility as 'private' | 'public' })
            : await octokit.rest.repos.createForAuthenticatedUser(common);
      } catch (error) {
        if (statusOf(error) === 422) throw new InputError(`The repository ${owner}/${repo} already exists on ${host}; choose another name`);
        throw error;
      }
      const { html_url: htmlUrl, clone_url: cloneUrl } = created.data;
      ctx.logger.info(`Created ${htmlUrl}`);
      if (input.topics?.length) {
        await octokit.rest.repos.replaceAllTopics({ owner, repo, names: input.topics.map((t) => t.toLowerCase()) });
      }
      const clone = new URL(cloneUrl);
      if (clone.protocol !== 'https:' && !(clone.protocol === 'http:' && target.insecure)) {
        throw new InputError(`GitHub returned a clone URL Callboard will not push to: ${cloneUrl}`);
      }
      const { commitHash } = await commitAndPush({
        dir,
        remoteUrl: cloneUrl,
        allowedProtocols: clone.protocol.replace(/:$/, ''),
        branch,
        message: input.gitCommitMessage ?? defaults.commitMessage,
        author: { name: input.gitAuthorName ?? defaults.author.name, email: input.gitAuthorEmail ?? defaults.author.email },
        token,
        signal: ctx.signal,
      });
      ctx.logger.info(`Pushed ${commitHash.slice(0, 12)} to ${branch}`);
      ctx.output('remoteUrl', htmlUrl);
      ctx.output('repoContentsUrl', `${htmlUrl}/blob/${branch}`);
      ctx.output('commitHash', commitHash);
    },
  });
}
