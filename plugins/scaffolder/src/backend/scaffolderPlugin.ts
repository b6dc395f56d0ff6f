import { coreServices, createBackendPlugin } from '@callboard/backend-plugin-api';
import { ActionRegistry } from './actions/ActionRegistry.ts';
import { createBuiltinActions } from './actions/builtin/createBuiltinActions.ts';
import { scaffolderConfigSchema } from './config.ts';
import { createScaffolderRouter } from './createScaffolderRouter.ts';
import { createTaskRouter } from './createTaskRouter.ts';
import { scaffolderActionsExtensionPoint } from './extensionPoints.ts';
import { readLocalGitHost } from './git/localGitHost.ts';
import { readGithubTargets } from './github/githubIntegrations.ts';
import { TemplateRunner } from './runner/TemplateRunner.ts';
import { catalogTemplateSource } from './tasks/catalogTemplateSource.ts';
import { KnexTaskStore } from './tasks/KnexTaskStore.ts';
import { scaffolderMigrations } from './tasks/scaffolderMigrations.ts';
import { TaskSecrets } from './tasks/TaskSecrets.ts';
import { TaskService } from './tasks/TaskService.ts';
import { TaskWorker } from './tasks/TaskWorker.ts';
import { TemplateSandbox } from './templating/TemplateSandbox.ts';

/**
 * Software templates: runs Backstage v1beta3 templates from the catalog as
 * stored tasks (one worker per process, streamed logs, cancellation) and as
 * dry-runs. The wizard UI is not built yet.
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
    database: coreServices.database,
    lifecycle: coreServices.lifecycle,
    discovery: coreServices.discovery,
    extraActions: scaffolderActionsExtensionPoint.contributions,
  },
  async init({ httpRouter, identity, logger, rootConfig, database, lifecycle, discovery, extraActions, config }) {
    const sandbox = TemplateSandbox.create({ timeoutMs: config.renderTimeoutMs });
    // The catalog is called where this process listens: backend.baseUrl may be
    // a proxy in front, or (unset) a default that is not this server's port.
    const backendBaseUrl = discovery.getInternalOrigin();
    const githubTargets = readGithubTargets(rootConfig.get('integrations.github'));
    const localGitHost = readLocalGitHost(rootConfig.get('integrations.local'), rootConfig.baseDir);
    const builtin = createBuiltinActions({ sandbox, config, backendBaseUrl, githubTargets, localGitHost });
    // Duplicate ids throw here, so a clash stops the backend at boot.
    const actions = ActionRegistry.create([...builtin, ...extraActions]);
    const runner = new TemplateRunner(actions, sandbox);

    const store = KnexTaskStore.create(await database.connect({ migrations: scaffolderMigrations }));
    const secrets = TaskSecrets.create(config.taskSecretsKey);
    const worker = new TaskWorker({ store, runner, secrets, logger, ...config.tasks });
    const templates = catalogTemplateSource(backendBaseUrl);
    const service = new TaskService({
      store,
      runner,
      secrets,
      templates,
      localRoot: rootConfig.baseDir,
      onCreated: () => worker.nudge(),
    });
    lifecycle.addStartupHook(() => worker.start());
    lifecycle.addShutdownHook(() => worker.stop());

    httpRouter.use(createScaffolderRouter({ actions, runner, identity, templates, gitHosts: { github: githubTargets, local: localGitHost } }));
    httpRouter.use(createTaskRouter({ store, service, identity }));
    logger.info(`Scaffolder ready with ${actions.list().length} actions`);
  },
});
