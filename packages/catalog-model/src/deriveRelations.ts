import { BUILTIN_KINDS } from './builtinKinds.ts';
import { DEFAULT_NAMESPACE, type Entity, type EntityRelation } from './entity.ts';
import { entityRefKey, safeParseEntityRef, stringifyEntityRef } from './entityRef.ts';
import { findKindDefinition, type KindDefinition } from './kinds.ts';
import { describeValue, formatPath, formatProblem, type EntityProblem } from './problems.ts';
import { INVERSE_RELATIONS } from './relations.ts';

export interface RelationOptions {
  /** Kinds added by plugins, next to the built-in ones. */
  extraKinds?: readonly KindDefinition[];
}

export interface RefDefaults {
  defaultKind?: string;
  defaultNamespace: string;
}

function allKinds(extraKinds: readonly KindDefinition[] | undefined): readonly KindDefinition[] {
  return extraKinds?.length ? [...BUILTIN_KINDS, ...extraKinds] : BUILTIN_KINDS;
}

function namespaceOf(entity: Pick<Entity, 'metadata'>): string {
  const namespace = entity.metadata.namespace;
  return typeof namespace === 'string' && namespace ? namespace : DEFAULT_NAMESPACE;
}

/**
 * How to read a reference written in `field` of a `kind` entity: the field's
 * default kind (none for spec.dependsOn / dependencyOf) and, as in Backstage,
 * the entity's own namespace. Pass the result to parseEntityRef or humanizeEntityRef.
 */
export function refDefaultsFor(
  kind: string,
  field: string,
  options: RelationOptions & { namespace?: string; apiVersion?: string } = {},
): RefDefaults {
  const key = field.startsWith('spec.') ? field.slice('spec.'.length) : field;
  const definition = findKindDefinition(allKinds(options.extraKinds), kind, options.apiVersion);
  const rule = definition?.relations?.find((r) => r.field === key);
  const defaultNamespace = options.namespace || DEFAULT_NAMESPACE;
  return rule?.defaultKind ? { defaultKind: rule.defaultKind, defaultNamespace } : { defaultNamespace };
}

/** The inverse of every relation type, built-in or declared by a plugin kind's rules. */
export function inverseRelationsFor(extraKinds: readonly KindDefinition[] = []): Readonly<Record<string, string>> {
  const table: Record<string, string> = { ...INVERSE_RELATIONS };
  for (const definition of extraKinds) {
    for (const rule of definition.relations ?? []) {
      if (rule.inverse && !table[rule.type]) {
        table[rule.type] = rule.inverse;
        table[rule.inverse] ??= rule.type;
      }
    }
  }
  return Object.freeze(table);
}

export interface RelationCollection {
  relations: EntityRelation[];
  problems: EntityProblem[];
}

/**
 * The relations a definition's rules find in an entity, and every reference
 * that cannot be read. Shared by validation (which refuses such entities, as
 * Backstage's processing does) and by relation derivation.
 * `skipFields` leaves out fields whose shape the spec schema already refused.
 */
export function collectRelations(
  entity: Entity,
  definition: KindDefinition | undefined,
  skipFields: ReadonlySet<string> = new Set(),
): RelationCollection {
  const relations: EntityRelation[] = [];
  const problems: EntityProblem[] = [];
  const seen = new Set<string>();
  const defaultNamespace = namespaceOf(entity);
  const spec = entity.spec;
  if (!definition || !spec || typeof spec !== 'object') return { relations, problems };

  for (const rule of definition.relations ?? []) {
    if (skipFields.has(rule.field)) continue;
    const raw = spec[rule.field];
    if (raw === undefined || raw === null) continue;
    const isList = Array.isArray(raw);
    if (!isList && typeof raw !== 'string') {
      problems.push({
        path: formatPath(['spec', rule.field]),
        message: `expected an entity reference string or a list of them, got ${describeValue(raw)}`,
      });
      continue;
    }
    const values: unknown[] = isList ? raw : [raw];
    values.forEach((value, index) => {
      const path = () => formatPath(isList ? ['spec', rule.field, index] : ['spec', rule.field]);
      if (typeof value !== 'string') {
        problems.push({ path: path(), message: `expected an entity reference string, got ${describeValue(value)}` });
        return;
      }
      const parsed = safeParseEntityRef(value, {
        ...(rule.defaultKind ? { defaultKind: rule.defaultKind } : {}),
        defaultNamespace,
      });
      if (!parsed.ok) {
        problems.push({ path: path(), message: parsed.message });
        return;
      }
      // The same target listed twice is one edge.
      const key = `${rule.type} ${entityRefKey(parsed.ref)}`;
      if (seen.has(key)) return;
      seen.add(key);
      relations.push({ type: rule.type, targetRef: stringifyEntityRef(parsed.ref) });
    });
  }
  return { relations, problems };
}

/**
 * The relations an entity's own spec declares (the forward edges only; the
 * catalog reads each stored edge from both ends, see INVERSE_RELATIONS).
 * References that cannot be read are returned as `path: message` problems
 * instead of being dropped quietly. Unknown kinds have no relations.
 */
export function deriveRelations(
  entity: Entity,
  options: RelationOptions = {},
): { relations: EntityRelation[]; problems: string[] } {
  const definition = findKindDefinition(allKinds(options.extraKinds), entity.kind, entity.apiVersion);
  const { relations, problems } = collectRelations(entity, definition);
  return { relations, problems: problems.map(formatProblem) };
}
