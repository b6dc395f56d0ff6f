import type { ComponentType, LazyExoticComponent } from 'react';
import type { Entity } from '@callboard/catalog-model';

/**
 * A named slot one plugin offers and others fill. The owner reads the items
 * with `useExtensions(point)`; contributors add them with `extension(point, data)`.
 */
export interface FrontendExtensionPoint<T> {
  readonly $$type: 'FrontendExtensionPoint';
  readonly id: string;
  readonly __type?: (value: T) => T;
}

export function createFrontendExtensionPoint<T>(options: { id: string }): FrontendExtensionPoint<T> {
  return { $$type: 'FrontendExtensionPoint', id: options.id };
}

export interface FrontendExtension<T = unknown> {
  readonly point: FrontendExtensionPoint<T>;
  readonly data: T;
}

export function extension<T>(point: FrontendExtensionPoint<T>, data: T): FrontendExtension<T> {
  return { point, data: data };
}

export type PageComponent = LazyExoticComponent<ComponentType<object>> | ComponentType<object>;

/** A tab on the entity page, shown only for entities the predicate accepts. */
export interface EntityTabData {
  id: string;
  title: string;
  /** Relative path under the entity page, e.g. `notes`. */
  path: string;
  predicate?: (entity: Entity) => boolean;
  component: PageComponent;
  order?: number;
}

/** A card on the entity page's overview tab. */
export interface EntityCardData {
  id: string;
  predicate?: (entity: Entity) => boolean;
  component: PageComponent;
  /** Columns out of 12 on wide screens. */
  width?: 4 | 6 | 8 | 12;
  order?: number;
}

/** Something in the header's search slot; the search plugin fills it. */
export interface HeaderSearchData {
  component: PageComponent;
}

export const entityTabsExtensionPoint = createFrontendExtensionPoint<EntityTabData>({ id: 'catalog.entityTabs' });
export const entityCardsExtensionPoint = createFrontendExtensionPoint<EntityCardData>({ id: 'catalog.entityCards' });
export const headerSearchExtensionPoint = createFrontendExtensionPoint<HeaderSearchData>({ id: 'app.headerSearch' });

export const entityTab = (data: EntityTabData) => extension(entityTabsExtensionPoint, data);
export const entityCard = (data: EntityCardData) => extension(entityCardsExtensionPoint, data);
