import type { ScaffolderConfig } from '../../config.ts';
import type { TemplateSandbox } from '../../templating/TemplateSandbox.ts';
import type { TemplateAction } from '../createTemplateAction.ts';
import { createDebugLogAction, createDebugWaitAction } from './debug.ts';
import { createFetchPlainAction, createFetchPlainFileAction } from './fetchPlain.ts';
import { createFetchTemplateAction } from './fetchTemplate.ts';
import { createFsDeleteAction, createFsRenameAction } from './filesystem.ts';
import { createPublishGitAction } from './publishGit.ts';

export function createBuiltinActions(options: { sandbox: TemplateSandbox; config: ScaffolderConfig }): TemplateAction[] {
  const { config } = options;
  return [
    createFetchTemplateAction({ sandbox: options.sandbox }),
    createFetchPlainAction(),
    createFetchPlainFileAction(),
    createFsRenameAction(),
    createFsDeleteAction(),
    createDebugLogAction(),
    createDebugWaitAction(),
    createPublishGitAction({
      defaultBranch: config.defaultBranch,
      author: config.defaultAuthor,
      commitMessage: config.defaultCommitMessage,
      allowHttp: config.git.allowHttp,
    }),
  ];
}
