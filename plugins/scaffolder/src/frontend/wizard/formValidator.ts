import { Validator, type ValidationError as SchemaError } from 'jsonschema';
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

type Values = Record<string, unknown>;

/**
 * The wizard's validator for @rjsf, built on `jsonschema` rather than the
 * usual Ajv. Ajv compiles each schema into a function with `new Function`,
 * which the portal's Content-Security-Policy forbids (no 'unsafe-eval');
 * `jsonschema` interprets the schema instead. It is also the library the
 * backend checks a task's values with, so the form and the server agree on
 * what is valid.
 */
class JsonSchemaFormValidator implements ValidatorType<Values, RJSFSchema> {
  private readonly validator = new Validator();

  rawValidation<Result = SchemaError>(schema: RJSFSchema, formData?: Values): { errors?: Result[]; validationError?: Error } {
    try {
      const result = this.validator.validate(formData ?? {}, schema as never, { nestedErrors: true });
      return { errors: result.errors as unknown as Result[] };
    } catch (error) {
      return { validationError: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  isValid(schema: RJSFSchema, formData: Values | undefined, rootSchema: RJSFSchema): boolean {
    try {
      // rjsf asks this of sub-schemas (which `dependencies` branch applies); their $refs point into the root.
      const withDefinitions = rootSchema.definitions && !schema.definitions ? { ...schema, definitions: rootSchema.definitions } : schema;
      return this.validator.validate(formData, withDefinitions as never).valid;
    } catch {
      return false;
    }
  }

  validateFormData(
    formData: Values | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<Values, RJSFSchema>,
    transformErrors?: ErrorTransformer<Values, RJSFSchema>,
    uiSchema?: UiSchema<Values, RJSFSchema>,
  ): ValidationData<Values> {
    const raw = this.rawValidation<SchemaError>(schema, formData);
    let errors = (raw.errors ?? []).map(toRjsfError);
    if (raw.validationError) errors.push({ stack: `The template's form is not a valid JSON Schema: ${raw.validationError.message}` });
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<Values>(errors);
    if (!customValidate) return { errors, errorSchema };
    const full = (getDefaultFormState<Values, RJSFSchema>(this, schema, formData, schema, true) ?? {}) as Values;
    const handler = customValidate(full, createErrorHandler<Values>(full), uiSchema, errorSchema);
    return validationDataMerge<Values>({ errors, errorSchema }, unwrapErrorHandler<Values>(handler));
  }
}

/** jsonschema's error as rjsf expects it: a dotted path to the field it belongs to. */
export function toRjsfError(error: SchemaError): RJSFValidationError {
  const segments = error.path.map(String);
  // A missing property is the missing field's error, shown under that field.
  if (error.name === 'required' && typeof error.argument === 'string') segments.push(error.argument);
  const property = segments.length ? `.${segments.join('.')}` : '';
  const params: Record<string, unknown> =
    error.name === 'required' ? { missingProperty: error.argument } : error.name === 'pattern' ? { pattern: error.argument } : { argument: error.argument };
  return {
    name: error.name,
    property,
    message: error.message,
    params,
    stack: `${property} ${error.message}`.trim(),
  };
}

export const formValidator = new JsonSchemaFormValidator();
