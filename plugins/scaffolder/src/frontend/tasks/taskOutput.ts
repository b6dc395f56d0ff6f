import { safeParseEntityRef } from '@callboard/catalog-model';
import { entityRoute } from '@callboard/frontend-plugin-api';
import { isObject } from '../wizard/splitUiSchema.ts';

/**
 * A task's `output` as the template wrote it: `links` (each with a `url`
 * or an `entityRef`) and `text` (a title and content). Both are template
 * data, so only web addresses become external links and malformed entries
 * are dropped rather than breaking the page.
 */
export interface OutputLink {
  title: string;
  href: string;
  /** A route inside Callboard, opened without leaving the app. */
  internal: boolean;
}

/** An output's entityRef names its kind (no default), as catalog:register writes it. */
function entityPath(ref: string): string | undefined {
  const parsed = safeParseEntityRef(ref);
  return parsed.ok ? entityRoute(parsed.ref) : undefined;
}

export function outputLinks(output: Record<string, unknown>): OutputLink[] {
  const links = Array.isArray(output.links) ? output.links : [];
  const result: OutputLink[] = [];
  for (const link of links) {
    if (!isObject(link)) continue;
    if (typeof link.entityRef === 'string' && link.entityRef) {
      const href = entityPath(link.entityRef);
      if (href) result.push({ title: typeof link.title === 'string' ? link.title : link.entityRef, href, internal: true });
      continue;
    }
    if (typeof link.url === 'string') {
      try {
        const url = new URL(link.url);
        if (url.protocol === 'https:' || url.protocol === 'http:') {
          result.push({ title: typeof link.title === 'string' ? link.title : url.href, href: url.href, internal: false });
        }
      } catch {
        // Not a URL: nothing to link to.
      }
    }
  }
  return result;
}

export function outputTexts(output: Record<string, unknown>): { title: string; content: string }[] {
  const texts = Array.isArray(output.text) ? output.text : [];
  return texts
    .filter(isObject)
    .filter((t) => typeof t.content === 'string')
    .map((t, i) => ({ title: typeof t.title === 'string' ? t.title : `Note ${i + 1}`, content: t.content as string }));
}
