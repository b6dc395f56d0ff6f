import type { Entity } from './entity.ts';
import { entityEnvelopeSchema } from './envelopeSchema.ts';

export interface EntityProblem {
  /** Where in the entity, e.g. `metadata.name`. */
  path: string;
  message: string;
}

export type EntityValidation = { ok: true; entity: Entity } | { ok: false; problems: EntityProblem[] };

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '(document)';
}

/** Checks the envelope of one parsed document; kind-specific rules come later. */
export function validateEntityEnvelope(value: unknown): EntityValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ path: '(document)', message: 'an entity must be a YAML mapping' }] };
  }
  const parsed = entityEnvelopeSchema.safeParse(value);
  if (parsed.success) {
    return { ok: true, entity: parsed.data as Entity };
  }
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: pathOf(issue.path),
      message: issue.message.replace(/^Invalid input: /, ''),
    })),
  };
}
