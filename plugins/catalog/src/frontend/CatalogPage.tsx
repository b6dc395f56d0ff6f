import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import ClearIcon from '@mui/icons-material/Clear';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { DEFAULT_NAMESPACE, type Entity } from '@callboard/catalog-model';
import { isCallboardError } from '@callboard/common';
import { EmptyState, ErrorPanel, LoadingState, PageLayout } from '@callboard/frontend-plugin-api';
import { useEntitiesQuery, useEntityFacet } from './catalogApi.ts';
import {
  changeCatalogView,
  hasFilters,
  PAGE_SIZES,
  readCatalogView,
  toEntitiesQuery,
  writeCatalogView,
  type CatalogView,
  type PageSize,
} from './catalogView.ts';
import { entityRoute, entityTitle, specString } from './entityRoute.ts';
import { EntityRefLink } from './components/EntityRefLink.tsx';
import { LifecycleChip, TagChips } from './components/EntityChips.tsx';
import { useDebouncedValue } from './useDebouncedValue.ts';

const SEARCH_DEBOUNCE_MS = 250;

// Phones get name, kind and owner; the rest appear as the width allows.
const fromSm = { display: { xs: 'none', sm: 'table-cell' } } as const;
const fromMd = { display: { xs: 'none', md: 'table-cell' } } as const;
const noWrap = { whiteSpace: 'nowrap' } as const;
const noWrapFromSm = { whiteSpace: { sm: 'nowrap' }, overflowWrap: 'anywhere' } as const;

export function CatalogPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => readCatalogView(searchParams), [searchParams]);
  const query = useMemo(() => toEntitiesQuery(view), [view]);
  const entities = useEntitiesQuery(query);

  // Functional updates read the current URL, so a debounced search that
  // lands after a click does not undo that click.
  const updateView = useCallback(
    (update: (current: CatalogView) => CatalogView, options?: { replace?: boolean }) =>
      setSearchParams((prev) => writeCatalogView(update(readCatalogView(prev))), options),
    [setSearchParams],
  );

  const onSearch = useCallback(
    (q: string) =>
      updateView((current) => changeCatalogView(current, { q }), {
        // Refining a search replaces the history entry; starting or clearing one adds an entry.
        replace: view.q !== '' && q !== '',
      }),
    [updateView, view.q],
  );

  const goToCursor = (cursor: string) => {
    updateView((current) => ({ ...current, cursor }));
    window.scrollTo({ top: 0 });
  };

  const clearFilters = () => updateView((current) => changeCatalogView(current, { kind: '', q: '' }));

  const data = entities.data;
  const refreshing = entities.isFetching && entities.isPlaceholderData;

  return (
    <PageLayout title="Catalog" subtitle="Every component, API, system, group and user your organisation has registered.">
      <title>Catalog · Callboard</title>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
        <SearchBox q={view.q} onSearch={onSearch} />
        <KindSelect kind={view.kind} onChange={(kind) => updateView((current) => changeCatalogView(current, { kind }))} />
        <Box sx={{ flex: 1 }} />
        {data && (
          <Typography color="text.secondary" aria-live="polite" sx={{ whiteSpace: 'nowrap' }}>
            {data.totalItems === 1 ? '1 entity' : `${data.totalItems.toLocaleString('en-US')} entities`}
          </Typography>
        )}
      </Stack>

      {entities.isPending ? (
        <LoadingState label="Loading the catalog…" />
      ) : entities.isError || !data ? (
        <>
          <ErrorPanel error={entities.error} title="Could not load the catalog" onRetry={() => void entities.refetch()} />
          {view.cursor && isCallboardError(entities.error) && entities.error.status === 400 && (
            <Button onClick={() => updateView((current) => changeCatalogView(current, {}))}>Go to the first page</Button>
          )}
        </>
      ) : data.items.length === 0 && !entities.isPlaceholderData ? (
        <Paper variant="outlined">
          <CatalogEmptyState view={view} onClearFilters={clearFilters} onFirstPage={() => updateView((c) => changeCatalogView(c, {}))} />
        </Paper>
      ) : (
        <>
          <TableContainer component={Paper} variant="outlined" sx={{ position: 'relative' }}>
            <Box sx={{ position: 'absolute', top: 0, left: 0, right: 0, height: 4 }}>
              {refreshing && <LinearProgress aria-label="Loading entities" />}
            </Box>
            <EntityTable
              entities={data.items}
              busy={refreshing}
              order={view.order}
              onToggleOrder={() =>
                updateView((current) => changeCatalogView(current, { order: current.order === 'asc' ? 'desc' : 'asc' }))
              }
            />
          </TableContainer>
          <Pager
            pageSize={view.pageSize}
            onPageSize={(pageSize) => updateView((current) => changeCatalogView(current, { pageSize }))}
            prevCursor={data.pageInfo.prevCursor}
            nextCursor={data.pageInfo.nextCursor}
            onCursor={goToCursor}
            disabled={refreshing}
          />
        </>
      )}
    </PageLayout>
  );
}

function SearchBox(props: { q: string; onSearch: (q: string) => void }) {
  const { q, onSearch } = props;
  const [text, setText] = useState(q);
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const lastSent = useRef(q);

  // The URL changed without typing (back/forward, "Clear filters"): show it.
  useEffect(() => {
    if (q !== lastSent.current) {
      lastSent.current = q;
      setText(q);
    }
  }, [q]);

  useEffect(() => {
    if (debounced !== lastSent.current) {
      lastSent.current = debounced;
      onSearch(debounced);
    }
  }, [debounced, onSearch]);

  return (
    <TextField
      label="Search the catalog"
      size="small"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && text) setText('');
      }}
      sx={{ width: { xs: '100%', sm: 320 } }}
      slotProps={{
        htmlInput: { maxLength: 200, enterKeyHint: 'search', autoComplete: 'off' },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
          endAdornment: text ? (
            <InputAdornment position="end">
              <IconButton aria-label="Clear search" size="small" edge="end" onClick={() => setText('')}>
                <ClearIcon fontSize="small" />
              </IconButton>
            </InputAdornment>
          ) : undefined,
        },
      }}
    />
  );
}

function KindSelect(props: { kind: string | undefined; onChange: (kind: string) => void }) {
  const facet = useEntityFacet('kind');
  const options = useMemo(() => {
    const values = [...(facet.data ?? [])].sort((a, b) => a.value.localeCompare(b.value));
    // A kind from a shared link shows even before (or without) the facets.
    if (props.kind && !values.some((v) => v.value.toLowerCase() === props.kind?.toLowerCase())) {
      values.push({ value: props.kind, count: -1 });
    }
    return values;
  }, [facet.data, props.kind]);
  const selected = options.find((o) => o.value.toLowerCase() === props.kind?.toLowerCase())?.value ?? '';

  return (
    <TextField
      select
      label="Kind"
      size="small"
      value={selected}
      onChange={(event) => props.onChange(event.target.value)}
      sx={{ minWidth: 180 }}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      helperText={facet.isError ? 'Could not load the kinds' : undefined}
      error={facet.isError}
    >
      <option value="">All kinds</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.count >= 0 ? `${option.value} (${option.count})` : option.value}
        </option>
      ))}
    </TextField>
  );
}

function EntityTable(props: { entities: Entity[]; busy: boolean; order: 'asc' | 'desc'; onToggleOrder: () => void }) {
  return (
    <Table
      aria-label="Catalog entities"
      aria-busy={props.busy}
      size="small"
      sx={{ '& th, & td': { px: { xs: 1, sm: 2 } } }}
    >
      <TableHead>
        <TableRow>
          <TableCell sortDirection={props.order} sx={{ minWidth: { sm: 160 } }}>
            <TableSortLabel active direction={props.order} onClick={props.onToggleOrder}>
              Name
            </TableSortLabel>
          </TableCell>
          <TableCell>Kind</TableCell>
          <TableCell sx={fromSm}>Type</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell sx={fromSm}>Lifecycle</TableCell>
          <TableCell sx={fromMd}>Description</TableCell>
          <TableCell sx={fromMd}>Tags</TableCell>
        </TableRow>
      </TableHead>
      <TableBody sx={{ opacity: props.busy ? 0.6 : 1, transition: 'opacity 150ms' }}>
        {props.entities.map((entity) => (
          <EntityRow key={entity.metadata.uid ?? entityRoute(entity)} entity={entity} />
        ))}
      </TableBody>
    </Table>
  );
}

function EntityRow(props: { entity: Entity }) {
  const { entity } = props;
  const { metadata } = entity;
  const namespace = metadata.namespace ?? DEFAULT_NAMESPACE;
  const title = entityTitle(entity);
  return (
    <TableRow hover>
      <TableCell>
        <Link component={RouterLink} to={entityRoute(entity)} underline="hover" sx={{ fontWeight: 500 }}>
          {title}
        </Link>
        {(title !== metadata.name || namespace !== DEFAULT_NAMESPACE) && (
          <Typography variant="caption" color="text.secondary" component="div">
            {namespace === DEFAULT_NAMESPACE ? metadata.name : `${namespace}/${metadata.name}`}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={noWrap}>{entity.kind}</TableCell>
      <TableCell sx={{ ...fromSm, ...noWrap }}>{specString(entity, 'type')}</TableCell>
      <TableCell sx={noWrapFromSm}>
        <EntityRefLink entityRef={entity.spec?.['owner']} defaultKind="group" defaultNamespace={namespace} />
      </TableCell>
      <TableCell sx={fromSm}>
        <LifecycleChip lifecycle={specString(entity, 'lifecycle')} />
      </TableCell>
      <TableCell sx={{ ...fromMd, minWidth: 220, maxWidth: 420 }}>
        {metadata.description && (
          <Typography
            variant="body2"
            title={metadata.description}
            sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
          >
            {metadata.description}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={fromMd}>
        <TagChips tags={metadata.tags} max={3} />
      </TableCell>
    </TableRow>
  );
}

function Pager(props: {
  pageSize: PageSize;
  onPageSize: (size: PageSize) => void;
  prevCursor: string | undefined;
  nextCursor: string | undefined;
  onCursor: (cursor: string) => void;
  disabled: boolean;
}) {
  const { prevCursor, nextCursor } = props;
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center', justifyContent: 'flex-end', flexWrap: 'wrap', rowGap: 1 }}>
      <TextField
        select
        label="Page size"
        size="small"
        value={props.pageSize}
        onChange={(event) => props.onPageSize(Number(event.target.value) as PageSize)}
        slotProps={{ select: { native: true } }}
        sx={{ width: 110, mr: 1 }}
      >
        {PAGE_SIZES.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </TextField>
      <Button
        variant="outlined"
        startIcon={<ChevronLeftIcon />}
        disabled={!prevCursor || props.disabled}
        onClick={() => prevCursor && props.onCursor(prevCursor)}
      >
        Previous
      </Button>
      <Button
        variant="outlined"
        endIcon={<ChevronRightIcon />}
        disabled={!nextCursor || props.disabled}
        onClick={() => nextCursor && props.onCursor(nextCursor)}
      >
        Next
      </Button>
    </Stack>
  );
}

function CatalogEmptyState(props: { view: CatalogView; onClearFilters: () => void; onFirstPage: () => void }) {
  if (hasFilters(props.view)) {
    return (
      <EmptyState
        title="No entities match these filters"
        description={
          props.view.q
            ? `Nothing matches “${props.view.q}”${props.view.kind ? ` among kind ${props.view.kind}` : ''}. Check the spelling, or clear the filters to see everything.`
            : `There are no entities of kind ${props.view.kind ?? ''}. Clear the filter to see everything.`
        }
        action={
          <Button variant="contained" onClick={props.onClearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  }
  if (props.view.cursor) {
    return (
      <EmptyState
        title="This page is empty"
        description="The catalog changed since this page was listed."
        action={
          <Button variant="contained" onClick={props.onFirstPage}>
            Go to the first page
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      title="The catalog is empty"
      description={
        <>
          Entities come from the locations listed under <code>catalog.locations</code> in <code>app-config.yaml</code>. Add a
          location that points at a <code>catalog-info.yaml</code> file, then restart Callboard or wait for the next refresh.
        </>
      }
    />
  );
}
