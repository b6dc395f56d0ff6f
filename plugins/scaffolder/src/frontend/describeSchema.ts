/** One row of an action's input table, read from its JSON Schema. */
export interface SchemaField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  /** JSON of the default, when the schema names one. */
  defaultValue?: string;
}

type JsonSchema = Record<string, unknown>;

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short type for people: `string`, `array of string`, `"private" | "public"`, `string | boolean`. */
export function describeType(schema: unknown): string {
  if (!isSchema(schema)) return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  const alternatives = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(alternatives)) return [...new Set(alternatives.map(describeType))].join(' | ');
  if (schema.type === 'array') return `array of ${describeType(schema.items)}`;
  if (schema.type === 'object' && isSchema(schema.additionalProperties)) return `map of ${describeType(schema.additionalProperties)}`;
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return 'any';
}

/** The fields of an object schema; a union of objects gives one list per alternative. */
export function describeFields(schema: unknown): SchemaField[][] {
  if (!isSchema(schema)) return [];
  const alternatives = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(alternatives) && alternatives.every((a) => isSchema(a) && isSchema(a.properties))) {
    return alternatives.flatMap(describeFields);
  }
  if (!isSchema(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return [
    Object.entries(schema.properties).map(([name, field]) => ({
      name,
      type: describeType(field),
      required: required.has(name),
      ...(isSchema(field) && typeof field.description === 'string' ? { description: field.description } : {}),
      ...(isSchema(field) && field.default !== undefined ? { defaultValue: JSON.stringify(field.default) } : {}),
    })),
  ];
}
