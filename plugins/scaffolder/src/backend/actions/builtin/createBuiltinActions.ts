import type { ScaffolderConfig } from '../../config.ts';
import type { LocalGitHost } from '../../git/localGitHost.ts';
import type { GithubPublishTarget } from '../../github/githubIntegrations.ts';
import type { TemplateSandbox } from '../../templating/TemplateSandbox.ts';
import type { TemplateAction } from '../createTemplateAction.ts';
import { createCatalogRegisterAction, createCatalogWriteAction } from './catalog.ts';
import { createDebugLogAction, createDebugWaitAction } from './debug.ts';
import { createFetchPlainAction, createFetchPlainFileAction } from './fetchPlain.ts';
import { createFetchTemplateAction } from './fetchTemplate.ts';
import { createFsDeleteAction, createFsRenameAction } from './filesystem.ts';
import { createPublishGitAction, type PublishGitDefaults } from './publishGit.ts';
import { createPublishGithubAction } from './publishGithub.ts';

export interface BuiltinActionOptions {
  sandbox: TemplateSandbox;
  config: ScaffolderConfig;
  /** Where this backend serves /api, for actions that call other plugins' APIs. */
  backendBaseUrl: string;
  githubTargets: readonly GithubPublishTarget[];
  /** integrations.local: bare repositories on this machine that publish:git may create. */
  localGitHost?: LocalGitHost | undefined;
}

export function createBuiltinActions(options: BuiltinActionOptions): TemplateAction[] {
  const { config } = options;
  const gitDefaults: PublishGitDefaults = {
    defaultBranch: config.defaultBranch,
    author: config.defaultAuthor,
    commitMessage: config.defaultCommitMessage,
    allowHttp: config.git.allowHttp,
    allowLocalRemotes: config.git.allowLocalRemotes,
  };
  return [
    createFetchTemplateAction({ sandbox: options.sandbox, githubTargets: options.githubTargets }),
    createFetchPlainAction({ githubTargets: options.githubTargets }),
    createFetchPlainFileAction({ githubTargets: options.githubTargets }),
    createFsRenameAction(),
    createFsDeleteAction(),
    createDebugLogAction(),
    createDebugWaitAction(),
    createPublishGitAction(gitDefaults, { local: options.localGitHost, github: options.githubTargets }),
    createPublishGithubAction({ targets: options.githubTargets, defaults: gitDefaults }),
    createCatalogRegisterAction({ baseUrl: options.backendBaseUrl }),
    createCatalogWriteAction(),
  ];
}
