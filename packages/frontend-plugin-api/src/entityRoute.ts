import { DEFAULT_NAMESPACE, type CompoundEntityRef, type Entity } from '@callboard/catalog-model';

/**
 * `/catalog/<namespace>/<kind>/<name>`, kind lowercased the way Backstage
 * links: the address of an entity's page, which every plugin links to (the
 * docs of an entity, a template's owner, the component a template created).
 */
export function entityRoute(ref: CompoundEntityRef | Entity): string {
  const compound =
    'metadata' in ref
      ? { kind: ref.kind, namespace: ref.metadata.namespace ?? DEFAULT_NAMESPACE, name: ref.metadata.name }
      : ref;
  const segments = [compound.namespace, compound.kind.toLocaleLowerCase('en-US'), compound.name];
  return `/catalog/${segments.map(encodeURIComponent).join('/')}`;
}
