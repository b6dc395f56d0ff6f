import { useId, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { DEFAULT_NAMESPACE, type Entity } from '@callboard/catalog-model';
import { profileEmail, safeExternalUrl, sourceUrl, specRefs, specString } from '../entityRoute.ts';
import { EntityRefLink } from './EntityRefLink.tsx';
import { LifecycleChip, TagChips } from './EntityChips.tsx';

const defaultFields = ['owner', 'type', 'lifecycle'];

/** Backstage's spec fields per kind. */
const expectedFields: Record<string, string[]> = {
  component: ['owner', 'system', 'type', 'lifecycle'],
  api: ['owner', 'system', 'type', 'lifecycle'],
  resource: ['owner', 'system', 'type'],
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
        {source && (
          <Button
            href={source}
            target="_blank"
            rel="noopener noreferrer"
            size="small"
            endIcon={<OpenInNewIcon fontSize="small" />}
            sx={{ float: 'right', ml: 1 }}
          >
            View source
          </Button>
        )}
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
              {refLinks(entity, 'domain', 'domain')}
            </Field>
          )}
          {show('parent') && (
            <Field label="Parent">
              {refLinks(entity, 'parent', 'group')}
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
