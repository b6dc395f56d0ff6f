import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { Entity } from '@callboard/catalog-model';
import { editUrl, sourceUrl } from '../entityRoute.ts';
import { processingProblems } from './processingProblems.ts';
import { useRefreshEntity } from './useRefreshEntity.ts';

/** What went wrong the last time the catalog read this entity, and what to do about it. */
export function ProcessingBanner(props: { entity: Entity }) {
  const problems = processingProblems(props.entity);
  const refresh = useRefreshEntity(props.entity);
  if (problems.length === 0) return null;
  const severity = problems.some((p) => p.level === 'error') ? 'error' : 'warning';
  const edit = editUrl(props.entity);
  const fileUrl = edit ?? sourceUrl(props.entity);
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings = problems.length - errors;
  const summary = [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(' and ');

  return (
    <Alert
      severity={severity}
      sx={{ mb: 2 }}
      action={
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
          {fileUrl && (
            <Button color="inherit" size="small" href={fileUrl} target="_blank" rel="noopener noreferrer">
              {edit ? 'Edit the file' : 'View the file'}
            </Button>
          )}
          <Button color="inherit" size="small" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
            {refresh.isPending ? 'Refreshing…' : 'Refresh'}
          </Button>
        </Box>
      }
    >
      <AlertTitle>
        Processing this entity found {summary}
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {problems.map((problem, index) => (
          <li key={index}>
            <strong>{problem.level === 'error' ? 'Error' : 'Warning'}:</strong> {problem.message}
            {problem.advice && (
              <Box component="span" sx={{ display: 'block', opacity: 0.85 }}>
                {problem.advice}
              </Box>
            )}
          </li>
        ))}
      </Box>
      {refresh.isError && (
        <Box sx={{ mt: 1 }}>
          Refreshing failed: {refresh.error instanceof Error ? refresh.error.message : String(refresh.error)}
        </Box>
      )}
      {refresh.isSuccess && <Box sx={{ mt: 1 }}>Refresh requested. The page updates when the catalog has read the file again.</Box>}
    </Alert>
  );
}
