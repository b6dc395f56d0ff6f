import { useMemo } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorPanel, LoadingState, PageLayout } from '@callboard/frontend-plugin-api';
import { catalogClient } from '../fields/catalogClient.ts';
import { filterCards, templateCard, type TemplateCard } from './templateCards.ts';

const FIELDS = ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags', 'metadata.annotations', 'spec.type', 'spec.owner'];
// A gallery is for choosing by eye; an organisation with more templates than this filters by text.
const MAX_TEMPLATES = 500;

function TemplateCardView(props: { card: TemplateCard; onTag: (tag: string) => void }) {
  const { card } = props;
  return (
    <Card variant="outlined" component="article" aria-labelledby={`template-${card.namespace}-${card.name}`} sx={{ display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flex: 1 }}>
        <Typography variant="overline" color="text.secondary">
          {card.type}
        </Typography>
        <Typography id={`template-${card.namespace}-${card.name}`} variant="h6" component="h2">
          {card.title}
        </Typography>
        {card.description && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {card.description}
          </Typography>
        )}
        {card.tags.length > 0 && (
          <Stack direction="row" spacing={0.5} sx={{ mt: 1.5, flexWrap: 'wrap', rowGap: 0.5 }}>
            {card.tags.map((tag) => (
              <Chip key={tag} label={tag} size="small" variant="outlined" onClick={() => props.onTag(tag)} />
            ))}
          </Stack>
        )}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2, gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 0 }}>
          {card.owner ? (
            <>
              Owner:{' '}
              <Link component={RouterLink} to={card.owner.path}>
                {card.owner.label}
              </Link>
            </>
          ) : (
            'No owner'
          )}
        </Typography>
        {card.docsPath && (
          <Button component={RouterLink} to={card.docsPath} size="small">
            Docs
          </Button>
        )}
        <Button component={RouterLink} to={card.wizardPath} variant="contained" size="small" aria-label={`Choose ${card.title}`}>
          Choose
        </Button>
      </CardActions>
    </Card>
  );
}

/** `/create`: every template in the catalog, to pick one and start its wizard. */
export function TemplateGalleryPage() {
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const tags = params.getAll('tag');
  const templates = useQuery({
    queryKey: ['scaffolder', 'templates'],
    queryFn: ({ signal }) =>
      catalogClient.getEntitiesByQuery(
        { query: { filter: ['kind=template'], fields: [FIELDS.join(',')], orderField: ['metadata.title,asc'], limit: MAX_TEMPLATES } as never },
        { signal },
      ),
    staleTime: 30_000,
  });
  const cards = useMemo(() => (templates.data?.items ?? []).map((e) => templateCard(e as never)), [templates.data]);
  const types = useMemo(() => [...new Set(cards.map((c) => c.type))].sort(), [cards]);
  const shown = filterCards(cards, { text, type, tags });

  const setParam = (key: string, value: string | string[]) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(key);
        for (const v of Array.isArray(value) ? value : [value]) if (v) next.append(key, v);
        return next;
      },
      { replace: true },
    );

  return (
    <PageLayout
      title="Create something new"
      subtitle="Pick a template: fill in a short form and get a repository with the organisation's standards in it, registered in the catalog."
      actions={
        <Stack direction="row" spacing={1}>
          <Button component={RouterLink} to="/create/tasks">
            My runs
          </Button>
          <Button component={RouterLink} to="/create/edit">
            Template editor
          </Button>
          <Button component={RouterLink} to="/create/actions">
            Installed actions
          </Button>
        </Stack>
      }
    >
      {templates.isPending ? (
        <LoadingState label="Loading templates…" />
      ) : templates.error ? (
        <ErrorPanel error={templates.error} onRetry={() => void templates.refetch()} />
      ) : cards.length === 0 ? (
        <EmptyState
          title="No templates yet"
          description={
            <>
              Templates are catalog entities of kind Template. Register a <code>template.yaml</code> on the Register page, or list it under{' '}
              <code>catalog.locations</code> in app-config.yaml; see docs/scaffolder.md.
            </>
          }
          action={
            <Button component={RouterLink} to="/catalog-import" variant="contained">
              Register a template
            </Button>
          }
        />
      ) : (
        <>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2, alignItems: 'center' }}>
            <TextField
              size="small"
              label="Search templates"
              value={text}
              onChange={(event) => setParam('q', event.target.value)}
              slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
              sx={{ minWidth: 260 }}
            />
            <TextField select size="small" label="Type" value={type} onChange={(event) => setParam('type', event.target.value)} sx={{ minWidth: 160 }}>
              <MenuItem value="">All types</MenuItem>
              {types.map((t) => (
                <MenuItem key={t} value={t}>
                  {t}
                </MenuItem>
              ))}
            </TextField>
            {tags.map((tag) => (
              <Chip key={tag} label={`tag: ${tag}`} onDelete={() => setParam('tag', tags.filter((t) => t !== tag))} />
            ))}
            <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
              {shown.length} of {cards.length} templates
            </Typography>
          </Box>
          {shown.length === 0 ? (
            <EmptyState
              title="No template matches"
              description="Clear the search or the filters to see every template."
              action={<Button onClick={() => setParams({}, { replace: true })}>Clear filters</Button>}
            />
          ) : (
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(3, 1fr)' } }}>
              {shown.map((card) => (
                <TemplateCardView key={`${card.namespace}/${card.name}`} card={card} onTag={(tag) => !tags.includes(tag) && setParam('tag', [...tags, tag])} />
              ))}
            </Box>
          )}
        </>
      )}
    </PageLayout>
  );
}
