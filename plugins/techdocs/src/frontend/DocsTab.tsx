import { useParams } from 'react-router';
import { entityRoute, useEntity } from '@callboard/frontend-plugin-api';
import { DocsReader } from './reader/DocsReader.tsx';

/** The Docs tab of an entity: the reader, with the page route taken from the URL after `docs/`. */
export function DocsTab() {
  const entity = useEntity();
  const params = useParams();
  const route = (params['*'] ?? '').replace(/^\/+|\/+$/g, '');
  const name = { namespace: entity.metadata.namespace ?? 'default', kind: entity.kind, name: entity.metadata.name };
  const base = `${entityRoute(name)}/docs`;
  return <DocsReader entity={name} route={decodeURIComponent(route)} basePath={base} />;
}
