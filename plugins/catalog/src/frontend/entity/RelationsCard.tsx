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
                    <Typography variant="body2" component="span" color="text.secondary">
                      and {(group.targetRefs.length - MAX_PER_TYPE).toLocaleString('en-US')} more
                    </Typography>
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
