import { useId, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import EditIcon from '@mui/icons-material/Edit';
import RefreshIcon from '@mui/icons-material/Refresh';
import { DEFAULT_NAMESPACE, type Entity } from '@callboard/catalog-model';
import { useCatalogEntity } from '../catalogApi.ts';
import { editUrl, profileEmail, safeExternalUrl, sourceUrl, specRefs, specString, tryParseEntityRef } from '../entityRoute.ts';
import { useRefreshEntity } from '../entity/useRefreshEntity.ts';
import { EntityRefLink } from './EntityRefLink.tsx';
import { LifecycleChip, TagChips } from './EntityChips.tsx';

const defaultFields = ['owner', 'type', 'lifecycle'];

/** Backstage's spec fields per kind. */
const expectedFields: Record<string, string[]> = {
  component: ['owner', 'system', 'domain', 'type', 'lifecycle'],
  api: ['owner', 'system', 'domain', 'type', 'lifecycle'],
  resource: ['owner', 'system', 'domain', 'type'],
  system: ['owner', 'domain'],
  domain: ['owner'],
  group: ['type', 'parent'],
  user: ['memberOf'],
  location: ['type'],
  template: ['owner', 'type'],
};

export function AboutCard(props: { entity: Entity }) {
  const { entity } = props;
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const source = sourceUrl(entity);
  const edit = editUrl(entity);
  const refresh = useRefreshEntity(entity);
  const domainViaSystem = useDomainViaSystem(entity);
  const links = entity.metadata.links ?? [];
  const headingId = useId();
  const email = profileEmail(entity);
  const expected = expectedFields[entity.kind.toLowerCase()] ?? defaultFields;
  // A field the kind usually has shows even when empty (so the gap is visible); others only when set.
  const show = (field: string) => expected.includes(field) || entity.spec?.[field] !== undefined;

  return (
    // One block holds the heading and every field, and the card is a region
    // named by its heading, so "the About card" is one element to find.
    <Card component="section" aria-labelledby={headingId} variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Box sx={{ float: 'right', ml: 1, display: 'flex', alignItems: 'center', gap: 0.5 }}>
          {source && (
            <Button href={source} target="_blank" rel="noopener noreferrer" size="small" endIcon={<OpenInNewIcon fontSize="small" />}>
              View source
            </Button>
          )}
          {edit && (
            <Tooltip describeChild title="Edit the entity file">
              <IconButton href={edit} target="_blank" rel="noopener noreferrer" size="small" aria-label="Edit">
                <EditIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
          <Tooltip describeChild title={refresh.isError ? `Refresh failed: ${refresh.error.message}` : refresh.isSuccess ? 'Refresh requested' : 'Read the entity file again'}>
            <span>
              <IconButton size="small" aria-label="Refresh" onClick={() => refresh.mutate()} disabled={refresh.isPending} color={refresh.isError ? 'error' : 'default'}>
                <RefreshIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
        </Box>
        <Typography id={headingId} component="h2" variant="h6" sx={{ mb: 1.5 }}>
          About
        </Typography>
        <Typography sx={{ mb: 2, whiteSpace: 'pre-line', overflowWrap: 'anywhere', clear: 'both' }} color={entity.metadata.description ? 'text.primary' : 'text.secondary'}>
          {entity.metadata.description ?? 'No description.'}
        </Typography>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 2, m: 0 }}
        >
          {show('owner') && (
            <Field label="Owner">
              {refLinks(entity, 'owner', 'group')}
            </Field>
          )}
          {show('system') && (
            <Field label="System">
              {refLinks(entity, 'system', 'system')}
            </Field>
          )}
          {show('domain') && (
            <Field label="Domain">
              {specRefs(entity, 'domain').length ? refLinks(entity, 'domain', 'domain') : domainViaSystem}
            </Field>
          )}
          {show('parent') && (
            <Field label="Parent">
              {refLinks(entity, 'parent', 'group')}
            </Field>
          )}
          {specRefs(entity, 'children').length > 0 && (
            <Field label="Child groups" wide>
              {refLinks(entity, 'children', 'group')}
            </Field>
          )}
          {show('type') && <Field label="Type">{specString(entity, 'type')}</Field>}
          {show('lifecycle') && (
            <Field label="Lifecycle">
              {specString(entity, 'lifecycle') ? <LifecycleChip lifecycle={specString(entity, 'lifecycle')} /> : undefined}
            </Field>
          )}
          {email && (
            <Field label="Email" wide>
              {safeExternalUrl(`mailto:${email}`) ? (
                <Link href={`mailto:${email}`} underline="hover">
                  {email}
                </Link>
              ) : (
                email
              )}
            </Field>
          )}
          <Field label="Namespace">{namespace}</Field>
          {show('memberOf') && (
            <Field label="Member of" wide>
              {refLinks(entity, 'memberOf', 'group')}
            </Field>
          )}
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

/**
 * Components, APIs and resources belong to a domain through their system,
 * as in Backstage: the system's page is read (usually cached already) for it.
 */
function useDomainViaSystem(entity: Entity): ReactNode {
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const system = tryParseEntityRef(specRefs(entity, 'system')[0], { defaultKind: 'system', defaultNamespace: namespace });
  const wanted = system !== undefined && entity.spec?.['domain'] === undefined && ['component', 'api', 'resource'].includes(entity.kind.toLowerCase());
  const query = useCatalogEntity(system?.kind ?? 'system', system?.namespace ?? namespace, system?.name ?? '-', { enabled: wanted });
  if (!wanted || !query.data) return undefined;
  return refLinks(query.data, 'domain', 'domain');
}

/** A plain function, not a component, so an empty field is `undefined` and shows as "—". */
function refLinks(entity: Entity, field: string, defaultKind: string): ReactNode {
  const refs = specRefs(entity, field);
  if (refs.length === 0) return undefined;
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  return (
    <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', columnGap: 1.5 }}>
      {refs.map((ref) => (
        <EntityRefLink key={ref} entityRef={ref} defaultKind={defaultKind} defaultNamespace={namespace} />
      ))}
    </Box>
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
