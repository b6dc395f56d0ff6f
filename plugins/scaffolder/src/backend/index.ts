export { scaffolderPlugin } from './scaffolderPlugin.ts';
export { scaffolderActionsExtensionPoint } from './extensionPoints.ts';
export { createTemplateAction, type TemplateAction, type ActionContext, type TemplateInfo } from './actions/createTemplateAction.ts';
