import { useId } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { humanizeEntityRef, type Entity } from '@callboard/catalog-model';
import { entityRoute } from '../entityRoute.ts';
import { groupRelations, parseTargetRef } from '../relations.ts';

/** Past this many targets of one type, the rest fold into "and N more" (the tabs list them all). */
const MAX_PER_TYPE = 12;

/** The entity page tab that lists every target of a relation type, where there is one (see EntityPage's built-in tabs). */
function tabFor(entity: Entity, type: string): string | undefined {
  const kind = entity.kind.toLowerCase();
  if (type === 'ownerOf' && (kind === 'group' || kind === 'user')) return 'ownership';
  if (type === 'hasMember' && kind === 'group') return 'members';
  if (type === 'hasPart') return kind === 'component' ? 'subcomponents' : kind === 'system' ? 'contents' : kind === 'domain' ? 'systems' : undefined;
  if ((type === 'dependsOn' || type === 'dependencyOf') && (kind === 'component' || kind === 'resource')) return 'dependencies';
  if (['providesApi', 'consumesApi', 'apiProvidedBy', 'apiConsumedBy'].includes(type) && (kind === 'component' || kind === 'api')) return 'api';
  return undefined;
}

export function RelationsCard(props: { entity: Entity }) {
  const headingId = useId();
  const groups = groupRelations(props.entity);
  return (
    <Card component="section" aria-labelledby={headingId} variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography id={headingId} component="h2" variant="h6" sx={{ mb: 1.5 }}>
          Relations
        </Typography>
        {groups.length === 0 ? (
          <Typography color="text.secondary">
            No relations yet. Owner, system, dependencies and APIs in the entity file become relations here.
          </Typography>
        ) : (
          <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 2, rowGap: 1 }}>
            {groups.map((group) => (
              <Box key={group.type} sx={{ display: 'contents' }}>
                <Typography component="dt" variant="body2" color="text.secondary" sx={{ fontWeight: 500 }}>
                  {group.label}
                </Typography>
                <Box component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 }, display: 'flex', flexWrap: 'wrap', columnGap: 1.5, rowGap: 0.25, overflowWrap: 'anywhere' }}>
                  {group.targetRefs.slice(0, MAX_PER_TYPE).map((ref) => {
                    const parsed = parseTargetRef(ref);
                    return parsed ? (
                      <Link key={ref} component={RouterLink} to={entityRoute(parsed)} underline="hover" variant="body2">
                        {humanizeEntityRef(parsed)}
                      </Link>
                    ) : (
                      <Typography key={ref} variant="body2" component="span">
                        {ref}
                      </Typography>
                    );
                  })}
                  {group.targetRefs.length > MAX_PER_TYPE && (
                    <MoreLink entity={props.entity} type={group.type} count={group.targetRefs.length - MAX_PER_TYPE} />
                  )}
                </Box>
              </Box>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

function MoreLink(props: { entity: Entity; type: string; count: number }) {
  const tab = tabFor(props.entity, props.type);
  const text = `and ${props.count.toLocaleString('en-US')} more`;
  return tab ? (
    <Link component={RouterLink} to={`${entityRoute(props.entity)}/${tab}`} underline="hover" variant="body2">
      {text}
    </Link>
  ) : (
    <Typography variant="body2" component="span" color="text.secondary">
      {text}
    </Typography>
  );
}
