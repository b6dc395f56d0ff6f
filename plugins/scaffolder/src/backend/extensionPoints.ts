import { createExtensionPoint } from '@callboard/backend-plugin-api';
import type { TemplateAction } from './actions/createTemplateAction.ts';

/**
 * Actions other plugins add to templates, e.g. `acme:deploy`. Ids must not
 * repeat a built-in action's; the scaffolder refuses to start if they do.
 */
export const scaffolderActionsExtensionPoint = createExtensionPoint<TemplateAction>({ id: 'scaffolder.actions' });
