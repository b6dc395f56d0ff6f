import { DEFAULT_NAMESPACE, safeParseEntityRef, stringifyEntityRef } from '@callboard/catalog-model';

/**
 * The catalog query an EntityPicker or OwnerPicker sends as the user types:
 * Backstage's `catalogFilter` option (one filter object, or a list of them
 * meaning any-of) turned into the catalog API's `filter` parameters, plus
 * a free-text term over the names people recognise. Only the fields the
 * picker shows are asked for, 20 at a time, so a catalog of 10,000 users
 * answers as fast as one of ten.
 */
export type CatalogFilterOption = Record<string, string | string[] | { exists: boolean } | boolean>;

export interface PickerQueryInput {
  catalogFilter?: CatalogFilterOption | CatalogFilterOption[];
  /** The older `allowedKinds` option, still common in templates. */
  allowedKinds?: string[];
  /** What kinds to use when neither option is given. */
  defaultKinds?: string[];
  term: string;
  limit?: number;
}

export const PICKER_FIELDS = ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile.displayName'];
export const PICKER_TEXT_FIELDS = ['metadata.name', 'metadata.title', 'spec.profile.displayName'];

function filterString(filter: CatalogFilterOption): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value)) for (const v of value) parts.push(`${key}=${String(v)}`);
    else if (typeof value === 'object' && value !== null) {
      if (value.exists) parts.push(key);
    } else parts.push(`${key}=${String(value)}`);
  }
  return parts.join(',');
}

export function pickerQuery(input: PickerQueryInput): Record<string, string | string[]> {
  let filters: string[];
  if (input.catalogFilter) {
    const list = Array.isArray(input.catalogFilter) ? input.catalogFilter : [input.catalogFilter];
    filters = list.map(filterString).filter((f) => f !== '');
  } else {
    const kinds = input.allowedKinds?.length ? input.allowedKinds : (input.defaultKinds ?? []);
    filters = kinds.length ? [kinds.map((k) => `kind=${k}`).join(',')] : [];
  }
  const term = input.term.trim();
  return {
    ...(filters.length ? { filter: filters } : {}),
    fields: PICKER_FIELDS.join(','),
    orderField: 'metadata.name,asc',
    limit: String(input.limit ?? 20),
    ...(term ? { fullTextFilterTerm: term, fullTextFilterFields: PICKER_TEXT_FIELDS.join(',') } : {}),
  };
}

export interface PickerOption {
  ref: string;
  label: string;
  secondary: string;
}

interface PickedEntity {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string };
  spec?: { profile?: { displayName?: string } };
}

/** The ref a picker stores, and how it shows an entity in its list. */
export function pickerOption(entity: PickedEntity): PickerOption {
  const ref = stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE, name: entity.metadata.name });
  const label = entity.spec?.profile?.displayName ?? entity.metadata.title ?? entity.metadata.name;
  return { ref, label, secondary: ref };
}

/**
 * Accepts what a person may type in a picker that allows arbitrary values:
 * `name`, `namespace/name` or `kind:namespace/name`, completed with the
 * picker's default kind and namespace the way Backstage does.
 */
export function completeEntityRef(text: string, defaults: { defaultKind?: string; defaultNamespace?: string }): string | undefined {
  // Refs hold no spaces; typed text with one is a search, not a ref.
  if (/\s/.test(text.trim())) return undefined;
  const parsed = safeParseEntityRef(text, defaults);
  return parsed.ok ? stringifyEntityRef(parsed.ref) : undefined;
}
