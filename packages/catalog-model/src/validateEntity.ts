import type { Entity, EntityRelation } from './entity.ts';
import { entityEnvelopeSchema } from './envelopeSchema.ts';
import { entityErrorMap, problemsFromZod, type EntityProblem } from './problems.ts';

export type EntityValidation =
  /** `relations`: those the spec declares, read while checking its references (deriveRelations gives the same). */
  | { ok: true; entity: Entity; relations?: EntityRelation[] }
  | { ok: false; problems: EntityProblem[] };

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const NOT_A_MAPPING: EntityProblem = {
  path: '(document)',
  message: 'an entity must be a YAML mapping with apiVersion, kind, metadata and spec',
};

/**
 * Checks only the envelope of one parsed document (apiVersion, kind and
 * metadata), whatever its kind. createEntityValidator checks the whole entity.
 */
export function validateEntityEnvelope(value: unknown): EntityValidation {
  if (!isMapping(value)) return { ok: false, problems: [NOT_A_MAPPING] };
  const parsed = entityEnvelopeSchema.safeParse(value, { error: entityErrorMap });
  if (parsed.success) return { ok: true, entity: parsed.data as Entity };
  return { ok: false, problems: problemsFromZod(parsed.error) };
}
