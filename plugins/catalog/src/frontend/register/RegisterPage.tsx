import { useId, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { DEFAULT_NAMESPACE, humanizeEntityRef, stringifyEntityRef, type Entity } from '@callboard/catalog-model';
import { isCallboardError } from '@callboard/common';
import { EmptyState, ErrorPanel, LoadingState, PageLayout } from '@callboard/frontend-plugin-api';
import type { LocationStatus } from '../../common/locationSchemas.ts';
import { catalogApi, invalidateCatalog, useLocationStatuses } from '../catalogApi.ts';
import { entityRoute, entityTitle, safeExternalUrl, tryParseEntityRef } from '../entityRoute.ts';
import { checkTarget, formatAge, guessType, type LocationType } from './registerForm.ts';

const TARGET_LABELS: Record<LocationType, string> = {
  url: 'URL of a catalog-info.yaml',
  git: 'URL of a Git repository',
  file: 'Path of a catalog-info.yaml',
};
const PLACEHOLDERS: Record<LocationType, string> = {
  url: 'https://github.com/org/repo/blob/main/catalog-info.yaml',
  git: 'https://git.example.com/team/repo.git',
  file: '/srv/catalog/catalog-info.yaml',
};
const HELP: Record<LocationType, string> = {
  url: 'A file on an allowed host. Every entity in it (a file may hold several) is added.',
  git: 'A repository on an allowed host: every catalog-info.yaml in it is added.',
  file: 'A file on the Callboard server. Most servers accept these only in app-config.yaml (catalog.locations), from an administrator.',
};

type Preview = { type: LocationType; target: string; entities: Entity[]; exists: boolean };

export function RegisterPage() {
  const queryClient = useQueryClient();
  const [type, setType] = useState<LocationType>('url');
  const [target, setTarget] = useState('');
  const [touched, setTouched] = useState(false);
  const check = checkTarget(type, target);

  const analyze = useMutation({
    mutationFn: async (spec: { type: LocationType; target: string }): Promise<Preview> => {
      const response = await catalogApi.createLocation({ query: { dryRun: 'true' }, body: spec });
      return { ...spec, entities: response.entities, exists: response.exists ?? false };
    },
  });
  const importLocation = useMutation({
    mutationFn: (spec: { type: LocationType; target: string }) => catalogApi.createLocation({ query: { dryRun: 'false' }, body: spec }),
    onSuccess: () => invalidateCatalog(queryClient),
  });

  // A location that is registered already cannot be added twice; reading it again is what helps.
  const refreshLocation = useMutation({
    mutationFn: (entity: Entity) => catalogApi.refreshEntity({ body: { entityRef: stringifyEntityRef(entity) } }),
    onSuccess: () => invalidateCatalog(queryClient),
  });

  const preview = analyze.data;
  const reset = () => {
    analyze.reset();
    importLocation.reset();
    refreshLocation.reset();
  };

  const onAnalyze = () => {
    setTouched(true);
    if (check.problem) return;
    importLocation.reset();
    analyze.mutate({ type, target: check.target });
  };

  return (
    <PageLayout
      title="Register an existing component"
      subtitle="Add what a catalog-info.yaml describes to the catalog: paste its URL, check what it would add, then import it."
    >
      <title>Register · Callboard</title>
      <Stack spacing={3}>
        <Card variant="outlined" component="section" aria-label="Register a location">
          <CardContent>
            <Box
              component="form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                onAnalyze();
              }}
              sx={{ display: 'flex', flexDirection: { xs: 'column', sm: 'row' }, gap: 1.5, alignItems: { sm: 'flex-start' } }}
            >
              <TextField
                select
                label="Type"
                value={type}
                onChange={(event) => {
                  setType(event.target.value as LocationType);
                  reset();
                }}
                slotProps={{ select: { native: true } }}
                sx={{ width: { sm: 140 } }}
              >
                <option value="url">URL</option>
                <option value="git">Git repository</option>
                <option value="file">File path</option>
              </TextField>
              <TextField
                label={TARGET_LABELS[type]}
                placeholder={PLACEHOLDERS[type]}
                value={target}
                onChange={(event) => {
                  const value = event.target.value;
                  setTarget(value);
                  // Pasting a URL while "File path" is chosen (or the reverse) is almost always a slip.
                  const guessed = guessType(value);
                  // A repository can be given by any https URL, so "Git repository" is kept when one is pasted.
                  if (guessed && guessed !== type && !(type === 'git' && guessed === 'url')) setType(guessed);
                  if (analyze.data || analyze.error) reset();
                }}
                onBlur={() => setTouched(true)}
                error={touched && Boolean(check.problem)}
                helperText={
                  touched && check.problem
                    ? check.problem
                    : HELP[type]
                }
                fullWidth
                slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', inputMode: type === 'url' ? 'url' : 'text' } }}
              />
              <Button type="submit" variant="contained" size="large" disabled={analyze.isPending} sx={{ flexShrink: 0, mt: { sm: 0.25 } }}>
                {analyze.isPending ? 'Analyzing…' : 'Analyze'}
              </Button>
            </Box>
          </CardContent>
        </Card>

        {analyze.isError && (
          <ErrorPanel error={analyze.error} title={problemTitle(analyze.error, 'Could not read this location')} />
        )}

        {importLocation.isSuccess ? (
          <ImportResult
            target={importLocation.variables.target}
            entities={importLocation.data.entities}
            exists={importLocation.data.exists ?? false}
            onAnother={() => {
              reset();
              setTarget('');
              setTouched(false);
            }}
          />
        ) : (
          preview && (
            <PreviewCard
              preview={preview}
              importing={importLocation.isPending || refreshLocation.isPending}
              importError={importLocation.error ?? refreshLocation.error}
              refreshed={refreshLocation.isSuccess}
              onImport={() =>
                preview.exists && preview.entities[0]
                  ? refreshLocation.mutate(preview.entities[0])
                  : importLocation.mutate({ type: preview.type, target: preview.target })
              }
              onCancel={reset}
            />
          )
        )}

        <LocationsSection />
      </Stack>
    </PageLayout>
  );
}

function problemTitle(error: unknown, fallback: string): string {
  if (!isCallboardError(error)) return fallback;
  switch (error.status) {
    case 400:
      return 'This location cannot be registered';
    case 403:
      return 'Not allowed';
    case 404:
      return 'Nothing found at this location';
    case 409:
      return 'This location is already registered';
    default:
      return fallback;
  }
}

function EntitiesTable(props: { entities: Entity[]; links: boolean; label: string }) {
  return (
    <TableContainer>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            <TableCell>Kind</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Namespace</TableCell>
            <TableCell>Owner</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.entities.map((entity) => {
            const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
            const owner = tryParseEntityRef(entity.spec?.['owner'], { defaultKind: 'group', defaultNamespace: namespace });
            return (
              <TableRow key={`${entity.kind}:${namespace}/${entity.metadata.name}`}>
                <TableCell>{entity.kind}</TableCell>
                <TableCell>
                  {props.links ? (
                    <Link component={RouterLink} to={entityRoute(entity)} underline="hover" sx={{ fontWeight: 500 }}>
                      {entityTitle(entity)}
                    </Link>
                  ) : (
                    <Box component="span" sx={{ fontWeight: 500 }}>
                      {entityTitle(entity)}
                    </Box>
                  )}
                  {entityTitle(entity) !== entity.metadata.name && (
                    <Typography component="div" variant="caption" color="text.secondary">
                      {entity.metadata.name}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{namespace}</TableCell>
                <TableCell>{owner ? humanizeEntityRef(owner, { defaultKind: 'group' }) : '—'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function PreviewCard(props: {
  preview: Preview;
  importing: boolean;
  importError: unknown;
  refreshed: boolean;
  onImport: () => void;
  onCancel: () => void;
}) {
  const { preview } = props;
  const headingId = useId();
  const count = preview.entities.length;
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent sx={{ pb: 1 }}>
        <Typography id={headingId} component="h2" variant="h6">
          {count === 0
            ? 'No entities found'
            : preview.exists
              ? `Already registered: ${count} ${count === 1 ? 'entity' : 'entities'}`
              : `This adds ${count} ${count === 1 ? 'entity' : 'entities'}`}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          From {preview.target}
        </Typography>
        {preview.exists && (
          <Alert severity={props.refreshed ? 'success' : 'info'} sx={{ mt: 1.5 }}>
            {props.refreshed
              ? 'Read again: the catalog now shows what the file holds.'
              : 'This location is registered already, so its entities are in the catalog (open them below). Refresh reads it again now instead of waiting for the next scheduled read.'}
          </Alert>
        )}
        {count === 0 && (
          <Typography sx={{ mt: 1.5 }}>
            The file was read but holds no entities. Check that it is a catalog-info.yaml with apiVersion, kind and metadata.name.
          </Typography>
        )}
      </CardContent>
      {count > 0 && (
        <EntitiesTable entities={preview.entities} links={preview.exists} label={preview.exists ? 'Entities of this location' : 'Entities to import'} />
      )}
      {props.importError !== null && props.importError !== undefined && (
        <Box sx={{ px: 2 }}>
          <ErrorPanel error={props.importError} title={problemTitle(props.importError, 'The import failed')} />
        </Box>
      )}
      <Box sx={{ display: 'flex', gap: 1, p: 2, justifyContent: 'flex-end' }}>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button variant="contained" onClick={props.onImport} disabled={props.importing || count === 0}>
          {preview.exists ? (props.importing ? 'Refreshing…' : 'Refresh') : props.importing ? 'Importing…' : 'Import'}
        </Button>
      </Box>
    </Card>
  );
}

function ImportResult(props: { target: string; entities: Entity[]; exists: boolean; onAnother: () => void }) {
  const count = props.entities.length;
  return (
    <Card variant="outlined" component="section" aria-label="Import result">
      <Alert severity="success" sx={{ borderRadius: 0 }}>
        <AlertTitle>
          {props.exists ? 'Location refreshed' : 'Imported'}: {count} {count === 1 ? 'entity' : 'entities'}
        </AlertTitle>
        <Box sx={{ overflowWrap: 'anywhere' }}>
          From {props.target}. {count > 0 ? 'Open them below; the catalog keeps them in step with the file from now on.' : ''}
        </Box>
      </Alert>
      {count > 0 && <EntitiesTable entities={props.entities} links label="Imported entities" />}
      <Box sx={{ display: 'flex', gap: 1, p: 2, justifyContent: 'flex-end' }}>
        <Button component={RouterLink} to="/catalog">
          Go to the catalog
        </Button>
        <Button variant="contained" onClick={props.onAnother}>
          Register another
        </Button>
      </Box>
    </Card>
  );
}

function LocationsSection() {
  const headingId = useId();
  const queryClient = useQueryClient();
  const locations = useLocationStatuses();
  const [confirm, setConfirm] = useState<LocationStatus | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (id: string) => catalogApi.deleteLocation({ params: { id } }),
    onSuccess: async () => {
      setConfirm(undefined);
      await invalidateCatalog(queryClient);
    },
  });
  const items = locations.data?.items ?? [];

  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent sx={{ pb: 1 }}>
        <Typography id={headingId} component="h2" variant="h6">
          Registered locations
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Where the catalog's entities come from. Locations from app-config.yaml are changed there; those registered here can be removed.
        </Typography>
      </CardContent>
      {locations.isPending ? (
        <LoadingState label="Loading locations…" />
      ) : locations.isError ? (
        <Box sx={{ px: 2 }}>
          <ErrorPanel error={locations.error} title="Could not load the locations" onRetry={() => void locations.refetch()} />
        </Box>
      ) : items.length === 0 ? (
        <EmptyState title="No locations yet" description="Register a catalog-info.yaml above and it is listed here." />
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby={headingId}>
            <TableHead>
              <TableRow>
                <TableCell>Location</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>Source</TableCell>
                <TableCell align="right">Entities</TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>Last read</TableCell>
                <TableCell aria-label="Actions" />
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((location) => {
                const href = location.type === 'url' ? safeExternalUrl(location.target) : undefined;
                return (
                  <TableRow key={location.id}>
                    <TableCell sx={{ maxWidth: 520, overflowWrap: 'anywhere', pr: { xs: 0.5, sm: 2 } }}>
                      <Typography component="span" variant="caption" color="text.secondary" sx={{ mr: 1, textTransform: 'uppercase' }}>
                        {location.type}
                      </Typography>
                      {href ? (
                        <Link href={href} target="_blank" rel="noopener noreferrer" underline="hover">
                          {location.target}
                        </Link>
                      ) : (
                        location.target
                      )}
                      {location.lastError && (
                        <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
                          {location.lastError}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
                      {location.source === 'config' ? 'app-config' : location.source === 'api' ? 'registered' : 'provider'}
                    </TableCell>
                    <TableCell align="right">{location.entityCount.toLocaleString('en-US')}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' }, whiteSpace: 'nowrap' }} title={location.lastReadAt}>
                      {formatAge(location.lastReadAt) ?? 'not yet'}
                    </TableCell>
                    <TableCell align="right">
                      {location.source === 'api' && (
                        <Button
                          size="small"
                          color="error"
                          startIcon={<DeleteOutlineIcon />}
                          onClick={() => {
                            remove.reset();
                            setConfirm(location);
                          }}
                          aria-label={`Remove ${location.target}`}
                          sx={{ minWidth: 0, '& .MuiButton-startIcon': { mr: { xs: 0, sm: 1 } } }}
                        >
                          {/* Phones get the icon alone; the accessible name stays "Remove <target>". */}
                          <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
                            Remove
                          </Box>
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Dialog open={confirm !== undefined} onClose={() => !remove.isPending && setConfirm(undefined)} aria-labelledby={`${headingId}-confirm`}>
        <DialogTitle id={`${headingId}-confirm`}>Remove this location?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ overflowWrap: 'anywhere' }}>
            {confirm?.target}
          </DialogContentText>
          <DialogContentText sx={{ mt: 1 }}>
            {confirm && confirm.entityCount > 0
              ? `Its ${confirm.entityCount === 1 ? 'entity is' : `${confirm.entityCount} entities are`} removed from the catalog. The file itself is not changed, and you can register it again later.`
              : 'The file itself is not changed, and you can register it again later.'}
          </DialogContentText>
          {remove.isError && <ErrorPanel error={remove.error} title="The location was not removed" />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(undefined)} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button color="error" variant="contained" onClick={() => confirm && remove.mutate(confirm.id)} disabled={remove.isPending}>
            {remove.isPending ? 'Removing…' : 'Remove'}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
