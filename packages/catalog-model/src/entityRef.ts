import { DEFAULT_NAMESPACE, type Entity } from './entity.ts';

export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export type EntityRefParse = { ok: true; ref: CompoundEntityRef } | { ok: false; message: string };

/**
 * Parses `[kind:][namespace/]name` without throwing. A field that holds refs
 * names its own default kind (spec.owner defaults to Group, for example);
 * fields without one (spec.dependsOn) need the kind written out. The parts
 * follow Backstage: a `/` before the first `:` means there is no kind, and
 * every part that is written must be non-empty.
 */
export function safeParseEntityRef(
  ref: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): EntityRefParse {
  // Hand-written YAML often carries stray spaces around a ref; they are never part of a name.
  const trimmed = ref.trim();
  if (!trimmed) return { ok: false, message: 'is empty; expected an entity reference such as group:team-a' };
  const colon = trimmed.indexOf(':');
  const slash = trimmed.indexOf('/');
  let kind: string | undefined;
  let rest = trimmed;
  if (colon !== -1 && (slash === -1 || colon < slash)) {
    kind = trimmed.slice(0, colon);
    rest = trimmed.slice(colon + 1);
  }
  let namespace: string | undefined;
  let name = rest;
  const restSlash = rest.indexOf('/');
  if (restSlash !== -1) {
    namespace = rest.slice(0, restSlash);
    name = rest.slice(restSlash + 1);
  }
  const form = 'write it as [kind:][namespace/]name';
  if (kind === '') return { ok: false, message: `'${ref}' has an empty kind before ':'; ${form}` };
  if (namespace === '') return { ok: false, message: `'${ref}' has an empty namespace before '/'; ${form}` };
  if (name === '') return { ok: false, message: `'${ref}' has no name; ${form}` };
  kind = kind ?? defaults.defaultKind;
  if (!kind) {
    return {
      ok: false,
      message: `'${ref}' has no kind, and this field has no default kind; write it as kind:name, e.g. component:${trimmed} or resource:${trimmed}`,
    };
  }
  namespace = namespace ?? (defaults.defaultNamespace || DEFAULT_NAMESPACE);
  return { ok: true, ref: { kind, namespace, name } };
}

/** Like {@link safeParseEntityRef}, but throws a TypeError naming the problem. */
export function parseEntityRef(
  ref: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): CompoundEntityRef {
  const parsed = safeParseEntityRef(ref, defaults);
  if (!parsed.ok) throw new TypeError(`Entity reference ${parsed.message}`);
  return parsed.ref;
}

/** Formats a ref in Backstage's canonical form: kind lowercased, `kind:namespace/name`. */
export function stringifyEntityRef(ref: CompoundEntityRef | Entity): string {
  const compound =
    'metadata' in ref
      ? { kind: ref.kind, namespace: ref.metadata.namespace ?? DEFAULT_NAMESPACE, name: ref.metadata.name }
      : ref;
  return `${compound.kind.toLowerCase()}:${compound.namespace}/${compound.name}`;
}

/** The key entities are stored and compared by: refs are case-insensitive. */
export function entityRefKey(ref: CompoundEntityRef | Entity): string {
  return stringifyEntityRef(ref).toLowerCase();
}

/** A short form for display: drops the default namespace and, if given, the expected kind. */
export function humanizeEntityRef(ref: CompoundEntityRef, options: { defaultKind?: string } = {}): string {
  const kindPart =
    options.defaultKind && options.defaultKind.toLowerCase() === ref.kind.toLowerCase()
      ? ''
      : `${ref.kind.toLowerCase()}:`;
  const nsPart = ref.namespace === DEFAULT_NAMESPACE ? '' : `${ref.namespace}/`;
  return `${kindPart}${nsPart}${ref.name}`;
}
