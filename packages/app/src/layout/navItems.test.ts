import { describe, expect, it } from 'vitest';
import type { FrontendPlugin } from '@callboard/frontend-plugin-api';
import { isNavItemActive, navItems } from './navItems.ts';

const plugin = (id: string, nav: FrontendPlugin['nav']): FrontendPlugin => ({
  $$type: 'FrontendPlugin',
  id,
  title: id,
  routes: [],
  nav,
  extensions: [],
});

describe('sidebar items', () => {
  it('orders by order, then title, with unordered items last', () => {
    const items = navItems([
      plugin('docs', [{ title: 'Docs', path: '/docs' }]),
      plugin('catalog', [{ title: 'Catalog', path: '/catalog', order: 0 }]),
      plugin('apis', [{ title: 'APIs', path: '/apis' }]),
    ]);
    expect(items.map((i) => i.title)).toEqual(['Catalog', 'APIs', 'Docs']);
    expect(items[0]?.pluginId).toBe('catalog');
  });

  it('marks an item active on its own path and below it, not on a sibling prefix', () => {
    const item = { title: 'Catalog', path: '/catalog' };
    expect(isNavItemActive(item, '/catalog')).toBe(true);
    expect(isNavItemActive(item, '/catalog/default/component/x')).toBe(true);
    expect(isNavItemActive(item, '/catalogue')).toBe(false);
  });
});
