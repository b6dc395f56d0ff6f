import type { FrontendPlugin, NavItem } from '@callboard/frontend-plugin-api';

export interface AppNavItem extends NavItem {
  pluginId: string;
}

/** Items without an order go after those with one; ties sort by title so the sidebar never reshuffles. */
export function navItems(plugins: readonly FrontendPlugin[]): AppNavItem[] {
  return plugins
    .flatMap((plugin) => plugin.nav.map((item) => ({ ...item, pluginId: plugin.id })))
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.title.localeCompare(b.title));
}

export function isNavItemActive(item: NavItem, pathname: string): boolean {
  const path = item.path.replace(/\/+$/, '');
  return pathname === path || pathname.startsWith(`${path}/`);
}
