/** The reader's address of a page: the Docs tab's path plus the page's route. */
export function pageHref(basePath: string, route: string, hash?: string): string {
  const path = route ? `${basePath}/${route.split('/').map(encodeURIComponent).join('/')}` : basePath;
  return hash ? `${path}#${encodeURIComponent(hash)}` : path;
}

/**
 * Whether a click on a link inside a page should stay in the app: a plain
 * left click on a same-origin link to an app page (not the API, not a new tab).
 */
export function inAppTarget(anchor: HTMLAnchorElement, event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }): string | undefined {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  if (anchor.target && anchor.target !== '_self') return undefined;
  if (anchor.hasAttribute('download')) return undefined;
  const href = anchor.getAttribute('href');
  if (!href) return undefined;
  if (href.startsWith('#')) return href;
  if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return undefined;
  return href;
}
