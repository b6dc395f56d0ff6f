import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import ClearIcon from '@mui/icons-material/Clear';
import CloseIcon from '@mui/icons-material/Close';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import FilterListIcon from '@mui/icons-material/FilterList';
import StarIcon from '@mui/icons-material/Star';
import StarBorderIcon from '@mui/icons-material/StarBorder';
import type { Entity } from '@callboard/catalog-model';
import { isCallboardError } from '@callboard/common';
import { EmptyState, ErrorPanel, LoadingState, PageLayout, useDebouncedValue } from '@callboard/frontend-plugin-api';
import { useEntitiesByRefs, useEntitiesQuery, useEntityRows, useFacetCounts } from './catalogApi.ts';
import {
  CATALOG_FACETS,
  changeCatalogView,
  PAGE_SIZES,
  readCatalogView,
  ROW_FIELDS,
  selectedCount,
  setFacetValues,
  toEntitiesQuery,
  toggleFacetValue,
  writeCatalogView,
  type CatalogView,
  type FacetId,
  type PageSize,
  type SortColumn,
} from './catalogView.ts';
import { localFacetCounts, matchesFilters, matchesTerm, sortEntities } from './localCatalog.ts';
import { useStarredEntities } from './starredEntities.ts';
import { CatalogTable } from './catalog/CatalogTable.tsx';
import { FacetPanel, type FacetCountsById } from './catalog/FacetPanel.tsx';
import { belowAppBar } from './catalog/belowAppBar.ts';

const SEARCH_DEBOUNCE_MS = 250;
/** The continuous list's first request is small so the first rows show quickly; later pages are bigger. */
const FIRST_SCROLL_PAGE = 50;
const EMPTY_SET: ReadonlySet<FacetId> = new Set();
const EMPTY_MAP: ReadonlyMap<FacetId, unknown> = new Map();

/**
 * The view from the URL, plus the change just made while the router is
 * still applying it: react-router renders URL changes as a transition, and
 * a checkbox must not bounce back for that moment.
 */
function useCatalogViewState() {
  const [searchParams, setSearchParams] = useSearchParams();
  const urlView = useMemo(() => readCatalogView(searchParams), [searchParams]);
  const [optimistic, setOptimistic] = useState<{ params: URLSearchParams; view: CatalogView } | undefined>(undefined);
  // Once the URL has moved (to our change, or by back/forward), it is the truth again.
  const current = optimistic && optimistic.params === searchParams ? optimistic.view : urlView;
  const latest = useRef(current);
  latest.current = current;
  const update = useCallback(
    (change: (current: CatalogView) => CatalogView, options?: { replace?: boolean }) => {
      const next = change(latest.current);
      latest.current = next;
      setOptimistic({ params: searchParams, view: next });
      setSearchParams(writeCatalogView(next), options);
    },
    [searchParams, setSearchParams],
  );
  return [current, update] as const;
}

export function CatalogPage() {
  const [view, setView] = useCatalogViewState();
  const starred = useStarredEntities();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const resultsRef = useRef<HTMLDivElement>(null);

  const fromServer = !view.starred;
  const query = useMemo(() => toEntitiesQuery(view, view.paging === 'pages' ? view.pageSize : FIRST_SCROLL_PAGE), [view]);
  const paged = useEntitiesQuery(query, { enabled: fromServer && view.paging === 'pages' });
  const scrolled = useEntityRows(query, { enabled: fromServer && view.paging === 'scroll' });
  const starredEntities = useEntitiesByRefs(starred.starred, { fields: ROW_FIELDS, enabled: view.starred });
  // Counts are asked for once the rows have arrived. Sent together, a slow facet
  // count on a large catalog can be served first and hold the rows back (the
  // server answers one database query at a time); the rows matter more.
  const rowsLoading = view.paging === 'pages' ? paged.isFetching : scrolled.isFetching && !scrolled.isFetchingNextPage;
  const serverFacets = useFacetCounts(view.filters, { enabled: fromServer && !rowsLoading });

  // Updates apply to the latest view, so a debounced search that lands
  // after a click does not undo that click.
  const updateView = useCallback(
    (update: (current: CatalogView) => CatalogView, options?: { replace?: boolean }) => {
      setView(update, options);
      // A new result starts at its top; the filters stay where they are.
      const results = resultsRef.current;
      if (results) {
        const top = results.getBoundingClientRect().top + window.scrollY - 80;
        if (window.scrollY > top) window.scrollTo({ top: Math.max(0, top) });
      }
    },
    [setView],
  );
  const change = useCallback(
    (patch: Partial<Omit<CatalogView, 'cursor'>>) => updateView((current) => changeCatalogView(current, patch)),
    [updateView],
  );

  const onSearch = useCallback(
    (q: string) =>
      updateView((current) => changeCatalogView(current, { q }), {
        // Refining a search replaces the history entry; starting or clearing one adds an entry.
        replace: view.q !== '' && q !== '',
      }),
    [updateView, view.q],
  );
  const onToggleFacet = useCallback(
    (facet: FacetId, value: string) =>
      updateView((current) => changeCatalogView(current, { filters: toggleFacetValue(current.filters, facet, value) })),
    [updateView],
  );
  const onClearFacet = useCallback(
    (facet: FacetId) => updateView((current) => changeCatalogView(current, { filters: setFacetValues(current.filters, facet, []) })),
    [updateView],
  );
  const onSort = useCallback(
    (column: SortColumn) =>
      updateView((current) =>
        changeCatalogView(current, {
          sort: column,
          order: current.sort === column && current.order === 'asc' ? 'desc' : 'asc',
        }),
      ),
    [updateView],
  );
  const clearFilters = () => change({ filters: {}, q: '' });

  // The starred set is small and comes unpaged: filter, count and sort it here.
  const starredView = useMemo(() => {
    if (!view.starred || !starredEntities.data) return undefined;
    const present = starredEntities.data.filter((e): e is Entity => e !== undefined);
    const rows = sortEntities(
      present.filter((e) => matchesFilters(e, view.filters) && matchesTerm(e, view.q)),
      view.sort,
      view.order,
    );
    return { rows, counts: localFacetCounts(present, view.filters, view.q) };
  }, [view, starredEntities.data]);

  const facetCounts: FacetCountsById = view.starred ? (starredView?.counts ?? {}) : serverFacets.counts;
  const facetPanel = (
    <FacetPanel
      filters={view.filters}
      counts={facetCounts}
      pending={view.starred ? EMPTY_SET : serverFacets.pending}
      errors={view.starred ? EMPTY_MAP : serverFacets.errors}
      onToggle={onToggleFacet}
      onClear={onClearFacet}
      onRetry={serverFacets.refetch}
    />
  );

  const result = useCatalogResult(view, { paged, scrolled, starredEntities, starredRows: starredView?.rows, starredCount: starred.starred.length });
  const activeFilters = selectedCount(view.filters);

  return (
    <PageLayout title="Catalog" subtitle="Every component, API, system, group and user your organisation has registered.">
      <title>Catalog · Callboard</title>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: '232px minmax(0, 1fr)' }, columnGap: 3 }}>
        <Box
          sx={(theme) => ({
            display: { xs: 'none', lg: 'block' },
            position: 'sticky',
            ...belowAppBar(theme, 16),
            alignSelf: 'start',
            maxHeight: 'calc(100vh - 96px)',
            overflowY: 'auto',
            pr: 1,
            pb: 2,
          })}
        >
          {facetPanel}
        </Box>
        <Box ref={resultsRef} sx={{ minWidth: 0 }}>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ mb: 1.5, alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
            <SearchBox q={view.q} onSearch={onSearch} />
            <Badge badgeContent={activeFilters} color="primary" sx={{ display: { lg: 'none' } }}>
              <Button variant="outlined" startIcon={<FilterListIcon />} onClick={() => setDrawerOpen(true)} aria-haspopup="dialog">
                Filters
              </Button>
            </Badge>
            <Button
              variant={view.starred ? 'contained' : 'outlined'}
              color={view.starred ? 'warning' : 'inherit'}
              startIcon={view.starred ? <StarIcon /> : <StarBorderIcon />}
              aria-pressed={view.starred}
              onClick={() => change({ starred: !view.starred })}
              sx={view.starred ? undefined : { borderColor: 'divider', color: 'text.secondary' }}
            >
              Starred{starred.starred.length ? ` (${starred.starred.length})` : ''}
            </Button>
            <Box sx={{ flex: 1 }} />
            {result.countText && (
              <Typography color="text.secondary" aria-live="polite" sx={{ whiteSpace: 'nowrap' }}>
                {result.countText}
              </Typography>
            )}
            {!view.starred && (
              <TextField
                select
                label="Rows"
                size="small"
                value={view.paging === 'scroll' ? 'scroll' : String(view.pageSize)}
                onChange={(event) =>
                  event.target.value === 'scroll'
                    ? change({ paging: 'scroll' })
                    : change({ paging: 'pages', pageSize: Number(event.target.value) as PageSize })
                }
                slotProps={{ select: { native: true } }}
                sx={{ width: 150 }}
              >
                <option value="scroll">Continuous</option>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size} per page
                  </option>
                ))}
              </TextField>
            )}
          </Stack>

          {activeFilters > 0 && (
            <Box component="ul" aria-label="Active filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0, mb: 1.5 }}>
              {CATALOG_FACETS.flatMap((facet) =>
                (view.filters[facet.id] ?? []).map((value) => (
                  <li key={`${facet.id}:${value}`}>
                    <Chip
                      size="small"
                      label={`${facet.label}: ${value}`}
                      onDelete={() => onToggleFacet(facet.id, value)}
                      slotProps={{ root: { 'aria-label': `${facet.label} ${value}` } }}
                    />
                  </li>
                )),
              )}
              <li>
                <Button size="small" onClick={() => change({ filters: {} })} sx={{ py: 0 }}>
                  Clear all
                </Button>
              </li>
            </Box>
          )}

          {result.state === 'loading' ? (
            <LoadingState label={view.starred ? 'Loading your starred entities…' : 'Loading the catalog…'} />
          ) : result.state === 'error' ? (
            <>
              <ErrorPanel error={result.error} title="Could not load the catalog" onRetry={result.retry} />
              {view.cursor && isCallboardError(result.error) && result.error.status === 400 && (
                <Button onClick={() => change({})}>Go to the first page</Button>
              )}
            </>
          ) : result.rows.length === 0 && !result.busy ? (
            <Paper variant="outlined">
              <CatalogEmptyState
                view={view}
                hasStarred={starred.starred.length > 0}
                onClearFilters={clearFilters}
                onShowAll={() => change({ starred: false })}
                onFirstPage={() => change({})}
              />
            </Paper>
          ) : (
            <>
              <Paper variant="outlined" sx={{ position: 'relative', overflow: 'clip', containerType: 'inline-size', containerName: 'catalog-table' }}>
                <Box sx={{ position: 'absolute', top: 0, left: 0, right: 0, height: 4, zIndex: 3 }}>
                  {result.busy && <LinearProgress aria-label="Loading entities" />}
                </Box>
                <CatalogTable
                  rows={result.rows}
                  windowed={result.windowed}
                  totalCount={result.total}
                  hasMore={result.hasMore}
                  loadingMore={result.loadingMore}
                  onLoadMore={result.loadMore}
                  busy={result.busy}
                  sort={view.sort}
                  order={view.order}
                  onSort={onSort}
                  starred={starred.starred}
                  onToggleStar={starred.toggle}
                />
              </Paper>
              {result.moreError !== undefined && (
                <ErrorPanel error={result.moreError} title="Could not load more entities" onRetry={result.loadMore} />
              )}
              {view.paging === 'pages' && !view.starred && paged.data ? (
                <Pager
                  prevCursor={paged.data.pageInfo.prevCursor}
                  nextCursor={paged.data.pageInfo.nextCursor}
                  onCursor={(cursor) => {
                    updateView((current) => ({ ...current, cursor }));
                    window.scrollTo({ top: 0 });
                  }}
                  disabled={result.busy}
                />
              ) : (
                result.footer && (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5, textAlign: 'center' }}>
                    {result.footer}
                  </Typography>
                )
              )}
            </>
          )}
        </Box>
      </Box>

      <Drawer
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        sx={{ display: { lg: 'none' } }}
        slotProps={{ paper: { sx: { width: 'min(320px, 88vw)' }, role: 'dialog', 'aria-label': 'Filters' } as object }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography component="h2" variant="h6" sx={{ flex: 1 }}>
            Filters
          </Typography>
          <IconButton aria-label="Close filters" onClick={() => setDrawerOpen(false)}>
            <CloseIcon />
          </IconButton>
        </Box>
        <Box sx={{ p: 2, flex: 1, overflowY: 'auto' }}>{facetPanel}</Box>
        <Box sx={{ p: 2, borderTop: 1, borderColor: 'divider', display: 'flex', gap: 1 }}>
          <Button onClick={() => change({ filters: {} })} disabled={activeFilters === 0}>
            Clear all
          </Button>
          <Button variant="contained" onClick={() => setDrawerOpen(false)} sx={{ flex: 1 }}>
            {result.countText ? `Show ${result.countText}` : 'Show results'}
          </Button>
        </Box>
      </Drawer>
    </PageLayout>
  );
}

type CatalogResult =
  | { state: 'loading'; countText?: undefined }
  | { state: 'error'; error: unknown; retry: () => void; countText?: undefined }
  | {
      state: 'ready';
      rows: readonly Entity[];
      total: number;
      windowed: boolean;
      hasMore: boolean;
      loadingMore: boolean;
      loadMore: () => void;
      moreError: unknown;
      busy: boolean;
      countText: string;
      footer?: string;
    };

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

const noop = () => {};

/** The three sources of rows (continuous, paged, starred) as one shape for the page. */
function useCatalogResult(
  view: CatalogView,
  sources: {
    paged: ReturnType<typeof useEntitiesQuery>;
    scrolled: ReturnType<typeof useEntityRows>;
    starredEntities: ReturnType<typeof useEntitiesByRefs>;
    starredRows: Entity[] | undefined;
    starredCount: number;
  },
): CatalogResult {
  const { paged, scrolled, starredEntities, starredRows } = sources;
  const scrolledRows = useMemo(() => scrolled.data?.pages.flatMap((p) => p.items) ?? [], [scrolled.data]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = scrolled;
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);

  if (view.starred) {
    if (sources.starredCount === 0) {
      return { state: 'ready', rows: [], total: 0, windowed: false, hasMore: false, loadingMore: false, loadMore: noop, moreError: undefined, busy: false, countText: '0 starred' };
    }
    if (starredEntities.isError && !starredEntities.data) {
      return { state: 'error', error: starredEntities.error, retry: () => void starredEntities.refetch() };
    }
    if (!starredRows) return { state: 'loading' };
    return {
      state: 'ready',
      rows: starredRows,
      total: starredRows.length,
      windowed: false,
      hasMore: false,
      loadingMore: false,
      loadMore: noop,
      moreError: undefined,
      busy: starredEntities.isPlaceholderData,
      countText: plural(starredRows.length, 'starred entity', 'starred entities'),
    };
  }

  if (view.paging === 'pages') {
    if (paged.isPending) return { state: 'loading' };
    if (paged.isError && !paged.data) return { state: 'error', error: paged.error, retry: () => void paged.refetch() };
    const data = paged.data!;
    return {
      state: 'ready',
      rows: data.items,
      total: data.totalItems,
      windowed: false,
      hasMore: false,
      loadingMore: false,
      loadMore: noop,
      moreError: paged.isError ? paged.error : undefined,
      busy: paged.isFetching && paged.isPlaceholderData,
      countText: plural(data.totalItems, 'entity', 'entities'),
    };
  }

  if (scrolled.isPending) return { state: 'loading' };
  if (scrolled.isError && !scrolled.data) return { state: 'error', error: scrolled.error, retry: () => void scrolled.refetch() };
  const pages = scrolled.data?.pages ?? [];
  const total = pages[pages.length - 1]?.totalItems ?? 0;
  const busy = scrolled.isPlaceholderData;
  return {
    state: 'ready',
    rows: scrolledRows,
    total,
    windowed: true,
    hasMore: Boolean(hasNextPage) && !busy,
    loadingMore: isFetchingNextPage,
    loadMore,
    moreError: scrolled.isFetchNextPageError ? scrolled.error : undefined,
    busy,
    countText: plural(total, 'entity', 'entities'),
    footer:
      scrolledRows.length >= total
        ? total > 10
          ? `All ${total.toLocaleString('en-US')} shown.`
          : undefined
        : `${scrolledRows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} loaded; more load as you scroll.`,
  };
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
      sx={{ width: { xs: '100%', sm: 300 } }}
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

function Pager(props: {
  prevCursor: string | undefined;
  nextCursor: string | undefined;
  onCursor: (cursor: string) => void;
  disabled: boolean;
}) {
  const { prevCursor, nextCursor } = props;
  return (
    <Stack component="nav" aria-label="Pages" direction="row" spacing={1} sx={{ mt: 2, justifyContent: 'flex-end' }}>
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

function CatalogEmptyState(props: {
  view: CatalogView;
  hasStarred: boolean;
  onClearFilters: () => void;
  onShowAll: () => void;
  onFirstPage: () => void;
}) {
  const { view } = props;
  if (view.starred && !props.hasStarred) {
    return (
      <EmptyState
        title="Nothing starred yet"
        description="Star the components, APIs and teams you work with (the ☆ at the start of each row, or on an entity's page) and they collect here."
        action={
          <Button variant="contained" onClick={props.onShowAll}>
            Show the whole catalog
          </Button>
        }
      />
    );
  }
  if (selectedCount(view.filters) > 0 || view.q.trim() !== '') {
    const what = view.starred ? 'None of your starred entities match' : 'Nothing matches';
    return (
      <EmptyState
        title={view.starred ? 'No starred entities match these filters' : 'No entities match these filters'}
        description={
          view.q
            ? `${what} “${view.q}” with these filters. Check the spelling, or clear the filters.`
            : `${what} every filter you chose. Remove a filter, or clear them all.`
        }
        action={
          <Button variant="contained" onClick={props.onClearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  }
  if (view.starred) {
    return (
      <EmptyState
        title="Your starred entities are gone"
        description="The entities you starred are no longer in the catalog: they were renamed or removed."
        action={
          <Button variant="contained" onClick={props.onShowAll}>
            Show the whole catalog
          </Button>
        }
      />
    );
  }
  if (view.cursor) {
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
          Register a <code>catalog-info.yaml</code> to add your first entities, or list locations under{' '}
          <code>catalog.locations</code> in <code>app-config.yaml</code>.
        </>
      }
      action={
        <Button variant="contained" component={RouterLink} to="/catalog-import">
          Register an existing component
        </Button>
      }
    />
  );
}
