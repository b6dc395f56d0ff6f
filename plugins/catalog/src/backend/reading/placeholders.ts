import YAML from 'yaml';

const KINDS = new Set(['$text', '$json', '$yaml', '$openapi', '$asyncapi']);

function isPlaceholder(node: object): boolean {
  let keys = 0;
  let placeholder = false;
  for (const key in node) {
    if (++keys > 1) return false;
    placeholder = KINDS.has(key);
  }
  return placeholder;
}

export function containsPlaceholder(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsPlaceholder);
  if (!node || typeof node !== 'object') return false;
  if (isPlaceholder(node)) return true;
  for (const key in node) if (containsPlaceholder((node as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * Substitutes Backstage's placeholders (`{ $text: ./api.yaml }`, `$json`,
 * `$yaml`, and `$openapi`/`$asyncapi`, read as text) before validation, so a
 * definition can live in its own file. Each target is read through the same
 * readers, with the same limits, as the catalog file itself.
 */
export async function resolvePlaceholders(
  value: unknown,
  options: { readRelative(target: string): Promise<string>; where: string },
): Promise<{ value: unknown; problems: string[] }> {
  // Almost no document has one: a plain walk first spares the rest a copy of
  // every node and a promise per node (about a second per 100,000 entities).
  if (!containsPlaceholder(value)) return { value, problems: [] };
  const problems: string[] = [];
  const visit = async (node: unknown, at: string): Promise<unknown> => {
    if (Array.isArray(node)) return Promise.all(node.map((item, i) => visit(item, `${at}[${i}]`)));
    if (!node || typeof node !== 'object') return node;
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length === 1 && KINDS.has(entries[0]![0])) {
      const [kind, target] = entries[0]!;
      if (typeof target !== 'string' || !target) {
        problems.push(`${options.where}: ${at}: ${kind} needs a path or URL string`);
        return node;
      }
      try {
        const text = await options.readRelative(target);
        if (kind === '$json') return JSON.parse(text) as unknown;
        if (kind === '$yaml') return YAML.parse(text, { maxAliasCount: 100 }) as unknown;
        return text;
      } catch (error) {
        problems.push(`${options.where}: ${at}: cannot substitute ${kind} ${target}: ${(error as Error).message}`);
        return node;
      }
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of entries) out[key] = await visit(child, at ? `${at}.${key}` : key);
    return out;
  };
  const result = await visit(value, '');
  return { value: result, problems };
}
