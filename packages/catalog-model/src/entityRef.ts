import { DEFAULT_NAMESPACE, type Entity } from './entity.ts';

export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Parses `[kind:][namespace/]name`. A field that holds refs names its own
 * default kind (spec.owner defaults to Group, for example).
 */
export function parseEntityRef(
  ref: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): CompoundEntityRef {
  const trimmed = ref.trim();
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
  kind = kind ?? defaults.defaultKind;
  namespace = namespace ?? defaults.defaultNamespace ?? DEFAULT_NAMESPACE;
  if (!kind) throw new TypeError(`Entity reference '${ref}' has no kind and this field has no default kind`);
  if (!namespace || !name) throw new TypeError(`Entity reference '${ref}' is not of the form [kind:][namespace/]name`);
  return { kind, namespace, name };
}

/** Formats a ref in Backstage's canonical form: kind lowercased, `kind:namespace/name`. */
export function stringifyEntityRef(ref: CompoundEntityRef | Entity): string {
  const compound =
    'metadata' in ref
      ? { kind: ref.kind, namespace: ref.metadata.namespace ?? DEFAULT_NAMESPACE, name: ref.metadata.name }
      : ref;
  return `${compound.kind.toLocaleLowerCase('en-US')}:${compound.namespace}/${compound.name}`;
}

/** The key entities are stored and compared by: refs are case-insensitive. */
export function entityRefKey(ref: CompoundEntityRef | Entity): string {
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
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
