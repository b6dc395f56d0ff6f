import type { ErrorTransformer, FormValidation, RJSFSchema, UiSchema } from '@rjsf/utils';
import { fieldChecks, scaffolderFields } from '../fields/index.ts';
import { isObject, splitUiSchema, type JsonObject } from './splitUiSchema.ts';

export interface WizardPage {
  title: string;
  description?: string;
  schema: JsonObject;
}

export interface PageForm {
  schema: RJSFSchema;
  uiSchema: UiSchema;
}

/**
 * One wizard page as @rjsf renders it. The page's title and description are
 * shown by the stepper, so they leave the schema; custom fields show their
 * own errors, so the form's template does not repeat them.
 */
export function pageForm(page: WizardPage): PageForm {
  const { schema, uiSchema } = splitUiSchema(page.schema);
  delete schema.title;
  delete schema.description;
  for (const ui of Object.values(uiSchema)) {
    if (isObject(ui) && typeof ui['ui:field'] === 'string' && ui['ui:field'] in scaffolderFields) ui['ui:hideError'] = true;
  }
  return { schema: schema as RJSFSchema, uiSchema: uiSchema as UiSchema };
}

/** Runs the custom fields' own checks (a repository name, a tag's spelling) with the schema's. */
export function customValidate(formData: JsonObject | undefined, errors: FormValidation<JsonObject>, uiSchema?: UiSchema): FormValidation<JsonObject> {
  if (!uiSchema || !formData) return errors;
  for (const [name, ui] of Object.entries(uiSchema)) {
    if (!isObject(ui) || typeof ui['ui:field'] !== 'string') continue;
    const check = fieldChecks[ui['ui:field']];
    const problem = check?.(formData[name], ui);
    const slot = (errors as unknown as Record<string, { addError(message: string): void } | undefined>)[name];
    if (problem && slot) slot.addError(problem);
  }
  return errors;
}

/** Ajv's wording made into something a person filling a form acts on. */
export const transformErrors: ErrorTransformer = (errors) =>
  errors.map((error) => {
    switch (error.name) {
      case 'required':
        return { ...error, message: 'Required' };
      case 'pattern':
        return { ...error, message: `Does not have the expected form (${String(error.params?.pattern ?? '')})` };
      case 'enum':
        return { ...error, message: 'Choose one of the listed values' };
      default:
        return error;
    }
  });
