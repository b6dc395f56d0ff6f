/**
 * Replaces every secret value in a text with ***. Longer secrets go first so
 * one that contains another is masked whole.
 */
export function createSecretMasker(secrets: Readonly<Record<string, string>>): (text: string) => string {
  const values = [...new Set(Object.values(secrets).filter((v) => typeof v === 'string' && v.length > 0))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const pattern = new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, '***');
}

/** The same masking applied to every string inside a JSON value (a task's output, say). */
export function maskValue(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, mask));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskValue(item, mask)]));
  }
  return value;
}
