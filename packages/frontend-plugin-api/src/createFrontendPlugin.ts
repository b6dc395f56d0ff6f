import type { ComponentType } from 'react';
import type { FrontendExtension, PageComponent } from './extensions.ts';

export interface PluginRoute {
  /** Absolute path, may end in `/*` for nested routes, e.g. `/catalog/*`. */
  path: string;
  /** Pass `lazy(() => import('./Page.tsx'))` so the page is its own chunk. */
  component: PageComponent;
}

export interface NavItem {
  title: string;
  path: string;
  icon?: ComponentType;
  /** Lower comes first in the sidebar. */
  order?: number;
}

export interface FrontendPlugin {
  readonly $$type: 'FrontendPlugin';
  readonly id: string;
  readonly title: string;
  readonly routes: readonly PluginRoute[];
  readonly nav: readonly NavItem[];
  readonly extensions: readonly FrontendExtension<any>[];
}

export function createFrontendPlugin(options: {
  id: string;
  title?: string;
  routes?: PluginRoute[];
  nav?: NavItem[];
  extensions?: FrontendExtension<any>[];
}): FrontendPlugin {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(options.id)) {
    throw new TypeError(`Plugin id '${options.id}' must be kebab-case`);
  }
  return {
    $$type: 'FrontendPlugin',
    id: options.id,
    title: options.title ?? options.id,
    routes: options.routes ?? [],
    nav: options.nav ?? [],
    extensions: options.extensions ?? [],
  };
}

export function isFrontendPlugin(value: unknown): value is FrontendPlugin {
  return typeof value === 'object' && value !== null && (value as FrontendPlugin).$$type === 'FrontendPlugin';
}
