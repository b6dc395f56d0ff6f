/**
 * Backstage templates write the form's `ui:*` options inside the JSON Schema
 * itself; @rjsf wants them apart, in a uiSchema of the same shape. This walks
 * the places a template can nest them (properties, array items, the branches
 * of `dependencies`, `oneOf`/`anyOf`/`allOf`) and returns both halves, so the
 * validator never sees a `ui:` key and the form never loses one.
 */
export type JsonObject = Record<string, unknown>;

export interface SplitSchema {
  schema: JsonObject;
  uiSchema: JsonObject;
}

/** A JSON object: not null, not a list. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: JsonObject, source: JsonObject): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) mergeInto(existing, value);
    else if (existing === undefined) target[key] = value;
  }
}

function splitProperties(properties: JsonObject, uiSchema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, child] of Object.entries(properties)) {
    if (!isObject(child)) {
      out[name] = child;
      continue;
    }
    const split = splitNode(child);
    out[name] = split.schema;
    if (Object.keys(split.uiSchema).length > 0) {
      const existing = uiSchema[name];
      if (isObject(existing)) mergeInto(existing, split.uiSchema);
      else uiSchema[name] = split.uiSchema;
    }
  }
  return out;
}

function splitNode(node: JsonObject): SplitSchema {
  const schema: JsonObject = {};
  const uiSchema: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('ui:')) {
      uiSchema[key] = value;
    } else if (key === 'properties' && isObject(value)) {
      schema.properties = splitProperties(value, uiSchema);
    } else if (key === 'items' && isObject(value)) {
      const split = splitNode(value);
      schema.items = split.schema;
      if (Object.keys(split.uiSchema).length > 0) uiSchema.items = split.uiSchema;
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      // Branches describe the same object's fields, so their ui options land
      // on this level of the uiSchema, as rjsf looks them up there.
      schema[key] = value.map((branch) => {
        if (!isObject(branch)) return branch;
        const split = splitNode(branch);
        mergeInto(uiSchema, split.uiSchema);
        return split.schema;
      });
    } else if (key === 'dependencies' && isObject(value)) {
      const deps: JsonObject = {};
      for (const [field, dependency] of Object.entries(value)) {
        if (!isObject(dependency)) {
          deps[field] = dependency;
          continue;
        }
        const split = splitNode(dependency);
        mergeInto(uiSchema, split.uiSchema);
        deps[field] = split.schema;
      }
      schema.dependencies = deps;
    } else {
      schema[key] = value;
    }
  }
  return { schema, uiSchema };
}

export function splitUiSchema(stepSchema: JsonObject): SplitSchema {
  return splitNode(stepSchema);
}
