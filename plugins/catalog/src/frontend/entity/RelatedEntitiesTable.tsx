import { useId, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { DEFAULT_NAMESPACE, humanizeEntityRef, type Entity } from '@callboard/catalog-model';
import { ErrorPanel, LoadingState } from '@callboard/frontend-plugin-api';
import { ROW_FIELDS } from '../catalogView.ts';
import { entityRoute, entityTitle, profileEmail, specString } from '../entityRoute.ts';
import { parseTargetRef } from '../relations.ts';
import { EntityRefLink } from '../components/EntityRefLink.tsx';
import { LifecycleChip } from '../components/EntityChips.tsx';
import { useCursorPages } from './useCursorPages.ts';

export type RelatedColumn = 'name' | 'kind' | 'type' | 'lifecycle' | 'owner' | 'description' | 'email';

const PAGE_SIZE = 25;
const HEADERS: Record<RelatedColumn, string> = {
  name: 'Name',
  kind: 'Kind',
  type: 'Type',
  lifecycle: 'Lifecycle',
  owner: 'Owner',
  description: 'Description',
  email: 'Email',
};
const fromSm = { display: { xs: 'none', sm: 'table-cell' } } as const;
const fromMd = { display: { xs: 'none', md: 'table-cell' } } as const;
const HIDE: Partial<Record<RelatedColumn, object>> = { type: fromSm, lifecycle: fromSm, description: fromMd, kind: fromSm };

/**
 * A card with a table of the entities a filter selects (usually one
 * relation of the page's entity, e.g. `relations.apiProvidedBy=component:…`),
 * paged on the server. `expectedRefs` are the relation's targets as the
 * entity names them: those the catalog does not have are listed too, so a
 * typo in a spec shows up here and not only in the banner.
 */
export function RelatedEntitiesTable(props: {
  title: string;
  filter: string;
  columns: readonly RelatedColumn[];
  emptyText: ReactNode;
  expectedRefs?: readonly string[];
  /** `spec.profile.email` for member lists; added to the row fields. */
  extraFields?: readonly string[];
}) {
  const headingId = useId();
  const pages = useCursorPages({
    filter: [props.filter],
    limit: PAGE_SIZE,
    orderField: ['metadata.name,asc'],
    fields: [[...ROW_FIELDS, ...(props.extraFields ?? [])].join(',')],
  });
  const data = pages.data;
  const items = data?.items ?? [];
  const complete = data !== undefined && pages.onFirstPage && !data.pageInfo.nextCursor;
  const found = new Set(items.map((e) => `${e.kind}:${e.metadata.namespace ?? DEFAULT_NAMESPACE}/${e.metadata.name}`.toLowerCase()));
  const missing = complete ? (props.expectedRefs ?? []).filter((ref) => !found.has(ref.toLowerCase())) : [];

  return (
    <Card component="section" variant="outlined" aria-labelledby={headingId}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, px: 2, pt: 2, pb: 1 }}>
        <Typography id={headingId} component="h2" variant="h6" sx={{ flex: 1 }}>
          {props.title}
        </Typography>
        {data && (data.totalItems > 0 || missing.length > 0) && (
          <Typography variant="body2" color="text.secondary">
            {(data.totalItems + missing.length).toLocaleString('en-US')}
          </Typography>
        )}
      </Box>
      {pages.isPending ? (
        <LoadingState label={`Loading ${props.title.toLowerCase()}…`} />
      ) : pages.isError && !data ? (
        <Box sx={{ px: 2 }}>
          <ErrorPanel error={pages.error} title={`Could not load ${props.title.toLowerCase()}`} onRetry={() => void pages.refetch()} />
        </Box>
      ) : items.length === 0 && missing.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          {props.emptyText}
        </Typography>
      ) : (
        <>
          <TableContainer>
            <Table size="small" aria-labelledby={headingId} sx={{ opacity: pages.isPlaceholderData ? 0.6 : 1 }}>
              <TableHead>
                <TableRow>
                  {props.columns.map((column) => (
                    <TableCell key={column} sx={HIDE[column]}>
                      {HEADERS[column]}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map((entity) => (
                  <TableRow key={entity.metadata.uid ?? entityRoute(entity)} hover>
                    {props.columns.map((column) => (
                      <TableCell key={column} sx={{ ...HIDE[column], ...(column === 'description' ? { maxWidth: 360 } : { whiteSpace: 'nowrap' }) }}>
                        {cell(entity, column)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
                {missing.map((ref) => (
                  <TableRow key={ref}>
                    <TableCell colSpan={props.columns.length}>
                      <Typography component="span" variant="body2" color="warning.main">
                        {humanizeRef(ref)}: not in the catalog. Check the reference in the entity file, or register the entity it names.
                      </Typography>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {data && (data.pageInfo.nextCursor || data.pageInfo.prevCursor) && (
            <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, p: 1 }}>
              <Button size="small" startIcon={<ChevronLeftIcon />} disabled={!data.pageInfo.prevCursor} onClick={() => pages.goTo(data.pageInfo.prevCursor)}>
                Previous
              </Button>
              <Button size="small" endIcon={<ChevronRightIcon />} disabled={!data.pageInfo.nextCursor} onClick={() => pages.goTo(data.pageInfo.nextCursor)}>
                Next
              </Button>
            </Box>
          )}
        </>
      )}
    </Card>
  );
}

function humanizeRef(ref: string): string {
  const parsed = parseTargetRef(ref);
  return parsed ? humanizeEntityRef(parsed) : ref;
}

function cell(entity: Entity, column: RelatedColumn): ReactNode {
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  switch (column) {
    case 'name': {
      const title = entityTitle(entity);
      return (
        <>
          <Link component={RouterLink} to={entityRoute(entity)} underline="hover" sx={{ fontWeight: 500 }}>
            {title}
          </Link>
          {title !== entity.metadata.name && (
            <Typography component="div" variant="caption" color="text.secondary">
              {entity.metadata.name}
            </Typography>
          )}
        </>
      );
    }
    case 'kind':
      return entity.kind;
    case 'type':
      return specString(entity, 'type') ?? '—';
    case 'lifecycle':
      return specString(entity, 'lifecycle') ? <LifecycleChip lifecycle={specString(entity, 'lifecycle')} /> : '—';
    case 'owner':
      return entity.spec?.['owner'] ? <EntityRefLink entityRef={entity.spec['owner']} defaultKind="group" defaultNamespace={namespace} /> : '—';
    case 'description':
      return (
        <Typography variant="body2" sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
          {entity.metadata.description ?? ''}
        </Typography>
      );
    case 'email': {
      const email = profileEmail(entity);
      return email ? (
        <Link href={`mailto:${email}`} underline="hover">
          {email}
        </Link>
      ) : (
        '—'
      );
    }
  }
}
