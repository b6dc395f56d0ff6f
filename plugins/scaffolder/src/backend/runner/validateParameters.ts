import { Ajv, type ErrorObject } from 'ajv';
import type { TemplateParameterPage } from '../../common/templateEntity.ts';

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '';
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${where ? `${where}.` : ''}${missing}: is required`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return `${where || '(values)'}: must be one of ${allowed}`;
  }
  return `${where || '(values)'}: ${error.message ?? 'is invalid'}`;
}

/**
 * Checks the user's values against every page of the wizard, as the server
 * must not trust the browser's checking. The `ui:*` keys are presentation and
 * are ignored by the validator.
 */
export function validateParameters(pages: readonly TemplateParameterPage[], values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  pages.forEach((page, index) => {
    let validate;
    try {
      validate = ajv.compile(page);
    } catch (error) {
      problems.push(`parameters page ${index + 1} is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!validate(values)) {
      const title = typeof page.title === 'string' ? ` (${page.title})` : '';
      for (const error of validate.errors ?? []) {
        // if/then branches report twice: once for the branch, once for "must match then".
        if (error.keyword === 'if') continue;
        problems.push(`page ${index + 1}${title}: ${describe(error)}`);
      }
    }
  });
  return [...new Set(problems)];
}
