import { z } from 'zod';

/*
 * Backstage's naming rules (ADR002 and its Kubernetes-derived validators), so
 * that a file valid there is valid here and a file refused there is refused here.
 */
const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;

/** Letters and digits separated by single `-`, `_` or `.`, 1-63 characters. */
export function isValidEntityName(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && OBJECT_NAME.test(value);
}

/** An RFC 1123 DNS label: lowercase letters, digits and dashes, 1-63 characters. */
export function isValidNamespace(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && DNS_LABEL.test(value);
}

function isValidDnsSubdomain(value: string): boolean {
  return value.length >= 1 && value.length <= 253 && value.split('.').every(isValidNamespace);
}

/** At most one `/`: an optional DNS-subdomain prefix, then `check` on the rest. */
function isValidPrefixed(value: string, check: (suffix: string) => boolean): boolean {
  const parts = value.split('/');
  if (parts.length === 1) return check(parts[0]!);
  if (parts.length === 2) return isValidDnsSubdomain(parts[0]!) && check(parts[1]!);
  return false;
}

/** `prefix/name` keys of labels and annotations; the prefix is a DNS subdomain. */
export function isValidPrefixedKey(value: string): boolean {
  return isValidPrefixed(value, isValidEntityName);
}

/** `group/version` or a bare version, e.g. `backstage.io/v1alpha1`. */
export function isValidApiVersion(value: string): boolean {
  return isValidPrefixed(value, (v) => v.length >= 1 && v.length <= 63 && API_VERSION_SUFFIX.test(v));
}

export function isValidKind(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && KIND.test(value);
}

export function isValidTag(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && TAG.test(value);
}

// The WHATWG URL parser exists in every runtime this package runs in (browsers,
// Node), but the package is type-checked without DOM or Node types, so it is
// reached through globalThis. Backstage accepts a link exactly when it parses.
const UrlParser = (globalThis as unknown as { URL?: new (input: string) => unknown }).URL;

export function isValidUrl(value: string): boolean {
  if (!UrlParser) return /^[a-zA-Z][a-zA-Z0-9+.-]*:\S/.test(value);
  try {
    new UrlParser(value);
    return true;
  } catch {
    return false;
  }
}

/** A string field with a message that says what was there instead. */
function stringField(options: { nonEmpty?: 'length' | 'trimmed' } = {}) {
  const schema = z.string({
    error: (issue) => {
      if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : undefined;
      if (issue.code === 'too_small') return 'must not be empty';
      return undefined;
    },
  });
  if (options.nonEmpty === 'length') return schema.min(1);
  if (options.nonEmpty === 'trimmed') return schema.refine((v) => v.trim().length > 0, { error: 'must not be blank' });
  return schema;
}

const nameField = stringField().refine(isValidEntityName, {
  error:
    'must be 1-63 characters of letters, digits and single separators (- _ .), starting and ending with a letter or digit',
});

const namespaceField = stringField().refine(isValidNamespace, {
  error: 'must be 1-63 lowercase letters, digits and dashes, starting and ending with a letter or digit',
});

const keyRule =
  'a name of 1-63 letters, digits and single separators (- _ .), optionally after a DNS prefix and one slash, e.g. example.com/my-key';

const labelsField = z.record(
  z.string().refine(isValidPrefixedKey, { error: `expected ${keyRule}` }),
  stringField().refine((v) => v === '' || isValidEntityName(v), {
    error: 'label values are empty or 1-63 letters, digits and single separators (- _ .)',
  }),
);

const annotationsField = z.record(
  z.string().refine(isValidPrefixedKey, { error: `expected ${keyRule}` }),
  stringField(),
);

const tagField = stringField().refine(isValidTag, {
  error: 'tags are 1-63 lowercase letters, digits and the characters : + #, separated by single dashes',
});

const linkField = z.looseObject({
  url: stringField().refine(isValidUrl, { error: 'must be an absolute URL, e.g. https://example.com/dashboard' }),
  title: stringField({ nonEmpty: 'trimmed' }).optional(),
  icon: stringField({ nonEmpty: 'trimmed' }).optional(),
  type: stringField({ nonEmpty: 'length' }).optional(),
});

export const entityMetaSchema = z.looseObject({
  name: nameField,
  namespace: namespaceField.optional(),
  title: stringField({ nonEmpty: 'length' }).optional(),
  description: stringField().optional(),
  uid: stringField({ nonEmpty: 'length' }).optional(),
  etag: stringField({ nonEmpty: 'length' }).optional(),
  labels: labelsField.optional(),
  annotations: annotationsField.optional(),
  tags: z.array(tagField).optional(),
  links: z.array(linkField).optional(),
});

/** The envelope: what every entity must have before its kind is looked at. */
export const entityEnvelopeSchema = z.looseObject({
  apiVersion: stringField().refine(isValidApiVersion, {
    error: 'must look like group/version, e.g. backstage.io/v1alpha1',
  }),
  kind: stringField().refine(isValidKind, {
    error: 'must be 1-63 letters and digits, starting with a letter, e.g. Component',
  }),
  metadata: entityMetaSchema,
  spec: z.record(z.string(), z.unknown()).optional(),
});

/** The only top-level fields an entity file may have; Backstage refuses any other. */
export const ENTITY_ROOT_FIELDS: readonly string[] = ['apiVersion', 'kind', 'metadata', 'spec'];
