import { useEffect, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { createApiClient, EmptyState, ErrorPanel, LoadingState, PageLayout, entityRoute, useDebouncedValue } from '@callboard/frontend-plugin-api';
import { catalogRoutes } from '@callboard/plugin-catalog/common';
import { TECHDOCS_REF_ANNOTATION } from '../common/techdocsRoutes.ts';

const catalogApi = createApiClient('catalog', catalogRoutes);
const HAS_DOCS = `metadata.annotations.${TECHDOCS_REF_ANNOTATION}`;
const FIELDS = ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'spec.owner', 'spec.type'].join(',');

function docsPath(entity: { kind: string; metadata: { namespace?: string | undefined; name: string } }): string {
  return `${entityRoute({ kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name })}/docs`;
}

/** Every documented entity, filtered by owner, kind and free text; the filters live in the URL. */
export function DocsIndexPage() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const owner = params.get('owner') ?? '';
  const [text, setText] = useState(params.get('q') ?? '');
  const term = useDebouncedValue(text.trim(), 250);

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (term) next.set('q', term);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [term, setParams]);

  const setFilter = (key: 'kind' | 'owner', value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const facets = useQuery({
    queryKey: ['techdocs', 'index-facets'],
    queryFn: ({ signal }) => catalogApi.getEntityFacets({ query: { facet: ['kind', 'spec.owner'], filter: [HAS_DOCS] } }, { signal }),
  });
  const filter = [HAS_DOCS, ...(kind ? [`kind=${kind}`] : []), ...(owner ? [`spec.owner=${owner}`] : [])].join(',');
  const entities = useQuery({
    queryKey: ['techdocs', 'index', filter, term],
    queryFn: ({ signal }) =>
      catalogApi.getEntitiesByQuery(
        { query: { filter: [filter], limit: 200, orderField: ['metadata.name,asc'], fields: [FIELDS], ...(term ? { fullTextFilterTerm: term } : {}) } },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

  const kinds = facets.data?.facets['kind'] ?? [];
  const owners = facets.data?.facets['spec.owner'] ?? [];
  const filtered = Boolean(kind || owner || term);

  return (
    <PageLayout title="Docs" subtitle="Documentation that lives beside the code, for every entity that has it.">
      <title>Docs · Callboard</title>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <TextField
          label="Search docs by name or description"
          value={text}
          onChange={(e) => setText(e.target.value)}
          size="small"
          sx={{ flex: '1 1 260px' }}
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
        />
        <TextField select label="Kind" value={kind} onChange={(e) => setFilter('kind', e.target.value)} size="small" sx={{ minWidth: 160 }}>
          <MenuItem value="">All kinds</MenuItem>
          {kinds.map((k) => (
            <MenuItem key={k.value} value={k.value}>
              {k.value} ({k.count})
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Owner" value={owner} onChange={(e) => setFilter('owner', e.target.value)} size="small" sx={{ minWidth: 180 }}>
          <MenuItem value="">All owners</MenuItem>
          {owners.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.value} ({o.count})
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {entities.isFetching && !entities.isPending && <LinearProgress sx={{ mb: 1 }} />}
      {entities.isPending ? (
        <LoadingState label="Loading documented entities…" />
      ) : entities.isError ? (
        <ErrorPanel error={entities.error} title="The docs index cannot be loaded" onRetry={() => void entities.refetch()} />
      ) : entities.data.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No docs match" description="Clear a filter or change the search words." />
        ) : (
          <EmptyState
            title="No entity has docs yet"
            description={`Put Markdown pages and an mkdocs.yml beside a component's catalog-info.yaml and add the annotation ${TECHDOCS_REF_ANNOTATION}: dir:. to it. The docs appear here and on its Docs tab.`}
          />
        )
      ) : (
        <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Documented entities">
          {entities.data.items.map((entity) => {
            const ownerRef = typeof entity.spec?.['owner'] === 'string' ? entity.spec['owner'] : undefined;
            return (
              <Grid key={`${entity.kind}:${entity.metadata.namespace}/${entity.metadata.name}`} size={{ xs: 12, sm: 6, lg: 4 }} component="li">
                <Card variant="outlined" sx={{ height: '100%' }}>
                  <CardActionArea component={RouterLink} to={docsPath(entity)} sx={{ height: '100%', alignItems: 'flex-start' }}>
                    <CardContent>
                      <Typography variant="h6" component="h2" sx={{ wordBreak: 'break-word' }}>
                        {entity.metadata.title ?? entity.metadata.name}
                      </Typography>
                      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', my: 1 }}>
                        <Chip size="small" label={entity.kind} color="primary" variant="outlined" />
                        {ownerRef && <Chip size="small" label={`owner: ${ownerRef}`} variant="outlined" />}
                      </Box>
                      <Typography variant="body2" color="text.secondary">
                        {entity.metadata.description ?? 'No description.'}
                      </Typography>
                    </CardContent>
                  </CardActionArea>
                </Card>
              </Grid>
            );
          })}
        </Grid>
      )}
    </PageLayout>
  );
}
