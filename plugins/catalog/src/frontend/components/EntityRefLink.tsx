import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { humanizeEntityRef } from '@callboard/catalog-model';
import { entityRoute, tryParseEntityRef } from '../entityRoute.ts';

/**
 * A ref from an entity's spec as a link to that entity. Each field names its
 * own default kind (owner → group, system → system), and refs without a
 * namespace live in the referring entity's namespace, as in Backstage.
 */
export function EntityRefLink(props: { entityRef: unknown; defaultKind: string; defaultNamespace?: string | undefined }) {
  const ref = tryParseEntityRef(props.entityRef, {
    defaultKind: props.defaultKind,
    ...(props.defaultNamespace ? { defaultNamespace: props.defaultNamespace } : {}),
  });
  if (!ref) return typeof props.entityRef === 'string' ? <>{props.entityRef}</> : null;
  return (
    <Link component={RouterLink} to={entityRoute(ref)} underline="hover">
      {humanizeEntityRef(ref, { defaultKind: props.defaultKind })}
    </Link>
  );
}
