import type { z } from 'zod';

/** How one spec field turns into relations. */
export interface RelationRule {
  /** The spec field holding one reference or a list of them, e.g. `owner` for `spec.owner`. */
  field: string;
  /** The relation stored from this entity to each target, e.g. `ownedBy`. */
  type: string;
  /**
   * The kind assumed when a reference leaves it out (`team-a` in spec.owner
   * means `group:team-a`). Without one, every reference must name its kind.
   */
  defaultKind?: string;
  /** The relation seen from the target, for a type the built-in table does not know. */
  inverse?: string;
}

/** A kind the catalog accepts: built in, or added by a plugin. */
export interface KindDefinition {
  /** Exactly as written in entity files, e.g. `Component`; kinds are case-sensitive, as in Backstage. */
  kind: string;
  /** Every apiVersion this definition accepts, e.g. `['backstage.io/v1alpha1']`. */
  apiVersions: string[];
  /** Validates `spec`. The entity is refused when `spec` is missing unless this schema accepts `undefined`. */
  specSchema: z.ZodType;
  relations?: RelationRule[];
}

/**
 * The definition for an entity's kind: the exact kind and apiVersion first,
 * then the kind alone, then the kind ignoring case (so a display helper still
 * finds `component`). Validation does not use this; it matches exactly.
 */
export function findKindDefinition(
  kinds: readonly KindDefinition[],
  kind: string,
  apiVersion?: string,
): KindDefinition | undefined {
  if (apiVersion !== undefined) {
    const exact = kinds.find((k) => k.kind === kind && k.apiVersions.includes(apiVersion));
    if (exact) return exact;
  }
  const lower = kind.toLowerCase();
  return kinds.find((k) => k.kind === kind) ?? kinds.find((k) => k.kind.toLowerCase() === lower);
}
