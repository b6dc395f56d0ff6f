/**
 * A built site puts each page at `<route>/index.html` (MkDocs' directory
 * URLs), so it works from any folder or host: links are relative to the page.
 */
export function relativeHref(fromRoute: string, target: string, options: { page: boolean }): string {
  const from = fromRoute ? fromRoute.split('/') : [];
  const to = target ? target.split('/') : [];
  let common = 0;
  while (common < from.length && common < to.length - (options.page ? 0 : 1) && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).map(encodeURIComponent).join('/');
  const prefix = up === 0 ? './' : '../'.repeat(up);
  if (options.page) return `${prefix}${rest}${rest ? '/' : ''}`;
  return `${prefix}${rest}`;
}
