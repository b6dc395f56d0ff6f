import { z } from 'zod';
import { BUILTIN_KINDS } from './builtinKinds.ts';
import { collectRelations } from './deriveRelations.ts';
import type { Entity, EntityRelation } from './entity.ts';
import { ENTITY_ROOT_FIELDS, entityEnvelopeSchema, isValidApiVersion, isValidKind } from './envelopeSchema.ts';
import type { KindDefinition } from './kinds.ts';
import { entityErrorMap, formatPath, problemsFromZod, type EntityProblem } from './problems.ts';
import { isMapping, NOT_A_MAPPING, type EntityValidation } from './validateEntity.ts';

export interface EntityValidatorOptions {
  /** Kinds added by plugins. A kind/apiVersion pair that is already defined is refused. */
  extraKinds?: readonly KindDefinition[];
}

export interface EntityValidator {
  /** Checks one parsed YAML document and reports every problem found, each with its path. */
  validate(value: unknown): EntityValidation;
  /** Every kind this validator accepts, built-in first. */
  readonly kinds: readonly KindDefinition[];
}

const RELATION_TYPE = /^\w+$/;

function keyOf(kind: string, apiVersion: string): string {
  return `${apiVersion}\u0000${kind}`;
}

/** Refuses a broken plugin kind when the catalog starts, not on the first entity that uses it. */
function checkDefinition(definition: KindDefinition): void {
  const label = `Kind definition '${definition.kind}'`;
  if (typeof definition.kind !== 'string' || !isValidKind(definition.kind)) {
    throw new TypeError(`${label}: a kind is 1-63 letters and digits starting with a letter, e.g. Service`);
  }
  if (!Array.isArray(definition.apiVersions) || definition.apiVersions.length === 0) {
    throw new TypeError(`${label}: list at least one apiVersion, e.g. ['example.com/v1']`);
  }
  for (const apiVersion of definition.apiVersions) {
    if (!isValidApiVersion(apiVersion)) {
      throw new TypeError(`${label}: '${apiVersion}' is not an apiVersion; use group/version, e.g. example.com/v1`);
    }
  }
  if (!(definition.specSchema instanceof z.ZodType)) {
    throw new TypeError(`${label}: specSchema must be a zod schema`);
  }
  for (const rule of definition.relations ?? []) {
    if (!rule.field || !RELATION_TYPE.test(rule.type) || (rule.inverse !== undefined && !RELATION_TYPE.test(rule.inverse))) {
      throw new TypeError(
        `${label}: relation rule ${JSON.stringify(rule)} needs a spec field and relation types made of letters, digits and _`,
      );
    }
  }
}

function specFieldsOf(definition: KindDefinition): ReadonlySet<string> {
  const fields = new Set((definition.relations ?? []).map((r) => r.field));
  if (definition.specSchema instanceof z.ZodObject) for (const key of Object.keys(definition.specSchema.shape)) fields.add(key);
  return fields;
}

function dedupe(problems: EntityProblem[]): EntityProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A validator that reaches the verdict Backstage's catalog reaches: its entity
 * policies (envelope, naming rules, no foreign top-level fields), the spec
 * schema of the entity's kind and apiVersion, and readable references in every
 * relation field. A kind no definition knows is refused, as Backstage's
 * processing refuses a kind no processor recognises.
 */
export function createEntityValidator(options: EntityValidatorOptions = {}): EntityValidator {
  const kinds: readonly KindDefinition[] = Object.freeze([...BUILTIN_KINDS, ...(options.extraKinds ?? [])]);
  const byKey = new Map<string, KindDefinition>();
  for (const definition of kinds) {
    checkDefinition(definition);
    for (const apiVersion of definition.apiVersions) {
      const key = keyOf(definition.kind, apiVersion);
      if (byKey.has(key)) {
        throw new TypeError(
          `Kind definition '${definition.kind}': ${definition.kind} with apiVersion ${apiVersion} is already defined; give the plugin's kind its own apiVersion`,
        );
      }
      byKey.set(key, definition);
    }
  }
  const kindNames = [...new Set(kinds.map((k) => k.kind))].sort();

  function resolveKind(kind: string, apiVersion: string): KindDefinition | EntityProblem {
    const definition = byKey.get(keyOf(kind, apiVersion));
    if (definition) return definition;
    const sameKind = kinds.filter((k) => k.kind === kind);
    if (sameKind.length > 0) {
      const versions = sameKind.flatMap((k) => k.apiVersions);
      return {
        path: 'apiVersion',
        message: `${kind} entities use apiVersion ${versions.join(' or ')}, not '${apiVersion}'`,
      };
    }
    const otherCase = kinds.find((k) => k.kind.toLowerCase() === kind.toLowerCase());
    if (otherCase) {
      return { path: 'kind', message: `unknown kind '${kind}'; kinds are case-sensitive: did you mean '${otherCase.kind}'?` };
    }
    return {
      path: 'kind',
      message: `unknown kind '${kind}'; this catalog accepts ${kindNames.join(', ')}. Another kind needs a plugin that defines it`,
    };
  }

  function validate(value: unknown): EntityValidation {
    if (!isMapping(value)) return { ok: false, problems: [NOT_A_MAPPING] };
    const problems: EntityProblem[] = [];

    const envelope = entityEnvelopeSchema.safeParse(value, { error: entityErrorMap });
    if (!envelope.success) problems.push(...problemsFromZod(envelope.error));
    const envelopeBroken = (path: string) => problems.some((p) => p.path === path || p.path.startsWith(`${path}.`));

    let definition: KindDefinition | undefined;
    const { kind, apiVersion } = value;
    if (typeof kind === 'string' && typeof apiVersion === 'string' && !envelopeBroken('kind') && !envelopeBroken('apiVersion')) {
      const resolved = resolveKind(kind, apiVersion);
      if ('specSchema' in resolved) definition = resolved;
      else problems.push(resolved);
    }

    const specFields = definition ? specFieldsOf(definition) : new Set<string>();
    for (const field of Object.keys(value)) {
      if (ENTITY_ROOT_FIELDS.includes(field)) continue;
      const hint = specFields.has(field) ? ` (did you mean spec.${field}?)` : '';
      problems.push({
        path: formatPath([field]),
        message: `is not allowed at the top level; an entity has only apiVersion, kind, metadata and spec${hint}`,
      });
    }

    let relations: EntityRelation[] | undefined;
    if (definition) {
      const spec = definition.specSchema.safeParse(value.spec, { error: entityErrorMap });
      const refusedFields = new Set<string>();
      if (!spec.success) {
        problems.push(...problemsFromZod(spec.error, ['spec']));
        for (const issue of spec.error.issues) refusedFields.add(String(issue.path[0] ?? ''));
      }
      if (!refusedFields.has('')) {
        const collected = collectRelations(value as Entity, definition, refusedFields);
        problems.push(...collected.problems);
        relations = collected.relations;
      }
    }

    if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
    return relations ? { ok: true, entity: value as Entity, relations } : { ok: true, entity: value as Entity };
  }

  return { validate, kinds };
}

let builtinValidator: EntityValidator | undefined;

/** Validates against the built-in kinds only; use createEntityValidator to add plugin kinds. */
export function validateEntity(value: unknown): EntityValidation {
  builtinValidator ??= createEntityValidator();
  return builtinValidator.validate(value);
}
