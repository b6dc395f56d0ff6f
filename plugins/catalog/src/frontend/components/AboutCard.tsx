import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { DEFAULT_NAMESPACE, type Entity } from '@callboard/catalog-model';
import { safeExternalUrl, sourceUrl, specString } from '../entityRoute.ts';
import { EntityRefLink } from './EntityRefLink.tsx';
import { LifecycleChip, TagChips } from './EntityChips.tsx';

export function AboutCard(props: { entity: Entity }) {
  const { entity } = props;
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const source = sourceUrl(entity);
  const links = entity.metadata.links ?? [];

  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardHeader
        title="About"
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
        action={
          source && (
            <Button
              href={source}
              target="_blank"
              rel="noopener noreferrer"
              size="small"
              endIcon={<OpenInNewIcon fontSize="small" />}
            >
              View source
            </Button>
          )
        }
        sx={{ pb: 0 }}
      />
      <CardContent>
        <Typography sx={{ mb: 2, whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} color={entity.metadata.description ? 'text.primary' : 'text.secondary'}>
          {entity.metadata.description ?? 'No description.'}
        </Typography>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 2, m: 0 }}
        >
          <Field label="Owner">
            {entity.spec?.['owner'] ? (
              <EntityRefLink entityRef={entity.spec['owner']} defaultKind="group" defaultNamespace={namespace} />
            ) : undefined}
          </Field>
          <Field label="System">
            {entity.spec?.['system'] ? (
              <EntityRefLink entityRef={entity.spec['system']} defaultKind="system" defaultNamespace={namespace} />
            ) : undefined}
          </Field>
          <Field label="Domain">
            {entity.spec?.['domain'] ? (
              <EntityRefLink entityRef={entity.spec['domain']} defaultKind="domain" defaultNamespace={namespace} />
            ) : undefined}
          </Field>
          <Field label="Type">{specString(entity, 'type')}</Field>
          <Field label="Lifecycle">
            {specString(entity, 'lifecycle') ? <LifecycleChip lifecycle={specString(entity, 'lifecycle')} /> : undefined}
          </Field>
          <Field label="Namespace">{namespace}</Field>
          <Field label="Tags" wide>
            {entity.metadata.tags?.length ? <TagChips tags={entity.metadata.tags} /> : undefined}
          </Field>
          {links.length > 0 && (
            <Field label="Links" wide>
              <Box component="ul" sx={{ m: 0, pl: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.5 }}>
                {links.map((link, index) => {
                  const href = safeExternalUrl(link.url);
                  const text = link.title || link.url;
                  return (
                    <li key={`${index}:${link.url}`}>
                      {href ? (
                        <Link href={href} target="_blank" rel="noopener noreferrer" underline="hover" sx={{ overflowWrap: 'anywhere' }}>
                          {text}
                        </Link>
                      ) : (
                        <Typography component="span" sx={{ overflowWrap: 'anywhere' }}>
                          {text}
                        </Typography>
                      )}
                    </li>
                  );
                })}
              </Box>
            </Field>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

function Field(props: { label: string; wide?: boolean; children: ReactNode }) {
  const empty = props.children === undefined || props.children === null || props.children === '' || props.children === false;
  return (
    <Box sx={props.wide ? { gridColumn: '1 / -1' } : undefined}>
      <Typography component="dt" variant="overline" color="text.secondary" sx={{ lineHeight: 1.6, display: 'block' }}>
        {props.label}
      </Typography>
      <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {empty ? (
          <Typography component="span" color="text.secondary">
            —
          </Typography>
        ) : (
          props.children
        )}
      </Box>
    </Box>
  );
}
