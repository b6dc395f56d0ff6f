import { z } from 'zod';

/*
 * Backstage's naming rules, so that a file valid there is valid here.
 * Names: letters and digits, separated by single - _ or . ; at most 63.
 */
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;
const API_VERSION = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[a-z0-9A-Z]+$/;

export function isValidEntityName(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && NAME.test(value);
}

export function isValidNamespace(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && DNS_LABEL.test(value);
}

/** `prefix/name` keys of labels and annotations; the prefix is a DNS subdomain. */
export function isValidPrefixedKey(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length < 1 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return isValidEntityName(name);
}

const nameField = z
  .string({ error: 'expected a string' })
  .refine(isValidEntityName, {
    error:
      'must be 1-63 characters of letters, digits and single separators (- _ .), starting and ending with a letter or digit',
  });

const namespaceField = z
  .string({ error: 'expected a string' })
  .refine(isValidNamespace, {
    error: 'must be 1-63 lowercase letters, digits and dashes, starting and ending with a letter or digit',
  });

const labelsField = z.record(
  z.string().refine(isValidPrefixedKey, { error: 'is not a valid label key' }),
  z
    .string({ error: 'label values must be strings' })
    .refine((v) => v === '' || isValidEntityName(v), { error: 'is not a valid label value' }),
);

const annotationsField = z.record(
  z.string().refine(isValidPrefixedKey, { error: 'is not a valid annotation key' }),
  z.string({ error: 'annotation values must be strings' }),
);

const tagField = z
  .string({ error: 'tags must be strings' })
  .refine((v) => v.length >= 1 && v.length <= 63 && TAG.test(v), {
    error: 'tags are 1-63 lowercase letters, digits and : + # separated by single dashes',
  });

const linkField = z.object({
  url: z.string({ error: 'links need a url string' }).min(1),
  title: z.string().optional(),
  icon: z.string().optional(),
  type: z.string().optional(),
});

export const entityMetaSchema = z
  .object({
    name: nameField,
    namespace: namespaceField.optional(),
    title: z.string({ error: 'expected a string' }).optional(),
    description: z.string({ error: 'expected a string' }).optional(),
    uid: z.string().optional(),
    etag: z.string().optional(),
    labels: labelsField.optional(),
    annotations: annotationsField.optional(),
    tags: z.array(tagField).optional(),
    links: z.array(linkField).optional(),
  })
  .passthrough();

/** The envelope: what every entity must have before its kind is looked at. */
export const entityEnvelopeSchema = z
  .object({
    apiVersion: z
      .string({ error: 'expected a string such as backstage.io/v1alpha1' })
      .refine((v) => API_VERSION.test(v), { error: 'must look like group/version, e.g. backstage.io/v1alpha1' }),
    kind: z
      .string({ error: 'expected a string such as Component' })
      .refine((v) => v.length <= 63 && KIND.test(v), { error: 'must be letters and digits, starting with a letter' }),
    metadata: entityMetaSchema,
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
