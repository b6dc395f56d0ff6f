import type { Router } from 'express';
import { createTypedRouter, type IdentityService } from '@callboard/backend-plugin-api';
import { scaffolderRoutes } from '../common/scaffolderRoutes.ts';
import type { ActionRegistry } from './actions/ActionRegistry.ts';
import { runDryRun } from './runner/runDryRun.ts';
import type { TemplateRunner } from './runner/TemplateRunner.ts';

export function createScaffolderRouter(options: { actions: ActionRegistry; runner: TemplateRunner; identity: IdentityService }): Router {
  const { actions, runner, identity } = options;
  return createTypedRouter(scaffolderRoutes, {
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
