import type { Router } from 'express';
import { createTypedRouter, type IdentityService } from '@callboard/backend-plugin-api';
import { InputError, NotFoundError } from '@callboard/common';
import { scaffolderRoutes } from '../common/scaffolderRoutes.ts';
import { parameterPages, parseTemplateEntity } from '../common/templateEntity.ts';
import type { ActionRegistry } from './actions/ActionRegistry.ts';
import type { PublishGitHosts } from './actions/builtin/publishGit.ts';
import { LOCAL_HOST } from './git/localGitHost.ts';
import { runDryRun } from './runner/runDryRun.ts';
import type { TemplateRunner } from './runner/TemplateRunner.ts';
import type { TemplateSource } from './tasks/TaskService.ts';

export function createScaffolderRouter(options: {
  actions: ActionRegistry;
  runner: TemplateRunner;
  identity: IdentityService;
  templates: TemplateSource;
  /** The hosts publish:git can reach by repoUrl, which RepoUrlPicker offers. */
  gitHosts?: PublishGitHosts;
}): Router {
  const { actions, runner, identity, templates } = options;
  const gitHosts = options.gitHosts ?? { github: [] };
  return createTypedRouter(scaffolderRoutes, {
    listIntegrations() {
      return {
        hosts: [
          ...gitHosts.github.map((t) => ({ host: t.host, type: 'github' as const, title: t.host })),
          ...(gitHosts.local ? [{ host: LOCAL_HOST, type: 'local' as const, title: 'This machine (local Git)' }] : []),
        ],
      };
    },
    async getTemplateParameterSchema({ params }) {
      if (params.kind.toLowerCase() !== 'template') throw new InputError(`'${params.kind}' is not the Template kind`);
      const entity = (await templates.getTemplate({ kind: 'template', namespace: params.namespace, name: params.name })) as
        | Record<string, unknown>
        | undefined;
      if (!entity) throw new NotFoundError(`No template template:${params.namespace}/${params.name} in the catalog`);
      const { apiVersion, kind, metadata, spec } = entity;
      const parsed = parseTemplateEntity({ apiVersion, kind, metadata, spec });
      if (!parsed.ok) throw new InputError(`template:${params.namespace}/${params.name} is not a valid v1beta3 Template: ${parsed.problems.join('; ')}`);
      const template = parsed.template;
      const presentation = (template.spec as Record<string, unknown>).presentation;
      return {
        title: template.metadata.title ?? template.metadata.name,
        ...(template.metadata.description ? { description: template.metadata.description } : {}),
        ...(presentation && typeof presentation === 'object' ? { presentation: presentation as Record<string, unknown> } : {}),
        steps: parameterPages(template).map((page) => ({
          title: typeof page.title === 'string' ? page.title : 'Please enter the following information',
          ...(typeof page.description === 'string' ? { description: page.description } : {}),
          schema: page,
        })),
      };
    },
    listActions() {
      return actions.describe();
    },
    async dryRun({ body, request }) {
      const caller = await identity.getCaller(request);
      const user = caller.type === 'user' ? { ref: caller.userEntityRef } : {};
      return runDryRun(runner, body, user);
    },
  });
}
