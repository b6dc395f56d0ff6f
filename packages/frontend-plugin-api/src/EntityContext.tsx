import { createContext, useContext, type ReactNode } from 'react';
import type { Entity } from '@callboard/catalog-model';

const EntityContext = createContext<Entity | undefined>(undefined);

/** The entity page provides its entity; contributed tabs and cards read it. */
export function EntityProvider(props: { entity: Entity; children: ReactNode }) {
  return <EntityContext.Provider value={props.entity}>{props.children}</EntityContext.Provider>;
}

export function useEntity(): Entity {
  const entity = useContext(EntityContext);
  if (!entity) throw new Error('useEntity must be used on an entity page');
  return entity;
}
