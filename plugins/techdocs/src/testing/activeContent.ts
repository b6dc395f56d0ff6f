import { Parser } from 'htmlparser2';

const ACTIVE_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'svg', 'math', 'body', 'html', 'textarea', 'select', 'button']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'background']);

/**
 * Everything in a piece of HTML that could run script or escape the page,
 * found by parsing it as a browser would rather than by searching text
 * (prose may well say "javascript:"). Empty means inert.
 */
export function activeContent(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (ACTIVE_TAGS.has(name)) found.push(`<${name}>`);
        if (name === 'input' && attributes['type'] !== 'checkbox') found.push(`<input type=${attributes['type']}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith('on')) found.push(`${name}[${attribute}]`);
          if (attribute === 'style' || attribute === 'autofocus' || attribute === 'formaction') found.push(`${name}[${attribute}]`);
          if (URL_ATTRIBUTES.has(attribute)) {
            const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
            const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
            const allowed = scheme === undefined || ['http', 'https', 'mailto'].includes(scheme) || (name === 'img' && attribute === 'src' && compact.startsWith('data:image/'));
            if (!allowed) found.push(`${name}[${attribute}=${value.slice(0, 40)}]`);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
