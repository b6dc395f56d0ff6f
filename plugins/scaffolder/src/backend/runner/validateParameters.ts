import { Validator, type Schema, type ValidationError } from 'jsonschema';
import type { TemplateParameterPage } from '../../common/templateEntity.ts';

// The validator Backstage's scaffolder uses, so a template's schemas are judged the same way.
const validator = new Validator();

function where(error: ValidationError): string {
  return error.property.replace(/^instance\.?/, '');
}

function describe(error: ValidationError): string {
  if (error.name === 'required') {
    const parent = where(error);
    return `${parent ? `${parent}.` : ''}${String(error.argument)}: is required`;
  }
  if (error.name === 'enum' && Array.isArray(error.argument)) {
    return `${where(error) || '(values)'}: must be one of ${error.argument.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (error.name === 'dependencies') {
    const field = String(error.message).replace(/^.*instance\./, '');
    return `${field}: the fields that depend on it are missing or invalid`;
  }
  if (error.name === 'oneOf') return `${where(error) || '(values)'}: fits none, or more than one, of its alternatives`;
  return `${where(error) || '(values)'}: ${error.message}`;
}

/**
 * Checks the user's values against every page of the wizard: the server must
 * not trust the browser's checking. The `ui:*` keys are presentation and the
 * validator ignores them.
 */
export function validateParameters(pages: readonly TemplateParameterPage[], values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  pages.forEach((page, index) => {
    const title = typeof page.title === 'string' ? ` (${page.title})` : '';
    let errors: ValidationError[];
    try {
      errors = validator.validate(values, page as Schema, { nestedErrors: false }).errors;
    } catch (error) {
      problems.push(`parameters page ${index + 1}${title} is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const error of errors) problems.push(`page ${index + 1}${title}: ${describe(error)}`);
  });
  return [...new Set(problems)];
}
