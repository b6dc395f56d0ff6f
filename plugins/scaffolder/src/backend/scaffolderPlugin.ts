import { coreServices, createBackendPlugin } from '@callboard/backend-plugin-api';
import { ActionRegistry } from './actions/ActionRegistry.ts';
import { createBuiltinActions } from './actions/builtin/createBuiltinActions.ts';
import { scaffolderConfigSchema } from './config.ts';
import { createScaffolderRouter } from './createScaffolderRouter.ts';
import { readGithubTargets } from './github/githubIntegrations.ts';
import { scaffolderActionsExtensionPoint } from './extensionPoints.ts';
import { TemplateRunner } from './runner/TemplateRunner.ts';
import { TemplateSandbox } from './templating/TemplateSandbox.ts';

/**
 * Software templates: runs Backstage v1beta3 templates. This first part
 * serves the installed actions and dry-runs; tasks (stored, run by a worker,
 * streamed) are not built yet.
 */
export const scaffolderPlugin = createBackendPlugin({
  id: 'scaffolder',
  config: scaffolderConfigSchema,
  extensionPoints: [scaffolderActionsExtensionPoint],
  deps: {
    httpRouter: coreServices.httpRouter,
    identity: coreServices.identity,
    logger: coreServices.logger,
    rootConfig: coreServices.rootConfig,
    extraActions: scaffolderActionsExtensionPoint.contributions,
  },
  async init({ httpRouter, identity, logger, rootConfig, extraActions, config }) {
    const sandbox = TemplateSandbox.create({ timeoutMs: config.renderTimeoutMs });
    // Duplicate ids throw here, so a clash stops the backend at boot.
    const builtin = createBuiltinActions({
      sandbox,
      config,
      backendBaseUrl: String(rootConfig.get('backend.baseUrl') ?? 'http://localhost:7007'),
      githubTargets: readGithubTargets(rootConfig.get('integrations.github')),
    });
    const actions = ActionRegistry.create([...builtin, ...extraActions]);
    const runner = new TemplateRunner(actions, sandbox);
    httpRouter.use(createScaffolderRouter({ actions, runner, identity }));
    logger.info(`Scaffolder ready with ${actions.list().length} actions`);
  },
});
