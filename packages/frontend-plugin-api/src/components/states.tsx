import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { isCallboardError } from '@callboard/common';

export function LoadingState(props: { label?: string }) {
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 4, color: 'text.secondary' }}>
      <CircularProgress size={24} />
      <Typography>{props.label ?? 'Loading…'}</Typography>
    </Box>
  );
}

/** An empty state says why it is empty and what to do next. */
export function EmptyState(props: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <Box sx={{ textAlign: 'center', py: 6, px: 2 }}>
      <Typography variant="h6" gutterBottom>
        {props.title}
      </Typography>
      {props.description && (
        <Typography color="text.secondary" sx={{ maxWidth: 560, mx: 'auto', mb: 2 }}>
          {props.description}
        </Typography>
      )}
      {props.action}
    </Box>
  );
}

/**
 * Shows what went wrong and, when possible, what to do about it. `hint`
 * replaces the advice guessed from the status, for callers who know better.
 */
export function ErrorPanel(props: { error: unknown; title?: string; hint?: string; onRetry?: () => void }) {
  const error = props.error;
  const message = error instanceof Error ? error.message : String(error);
  const status = isCallboardError(error) ? error.status : undefined;
  const hint =
    props.hint ??
    (status === 404
      ? 'Check the address, or go back to the list and pick again.'
      : status === 400
        ? 'Change the request and try again.'
        : status !== undefined && status >= 500
          ? 'The server had a problem. Try again in a moment; if it persists, check the backend log.'
          : status === undefined
            ? 'Check that the Callboard backend is running and reachable.'
            : undefined);
  return (
    <Alert
      severity="error"
      sx={{ my: 2 }}
      action={
        props.onRetry ? (
          <Button color="inherit" size="small" onClick={props.onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{props.title ?? 'Something went wrong'}</AlertTitle>
      {message}
      {hint && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {hint}
        </Typography>
      )}
      {isCallboardError(error) && error.issues && (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {error.issues.map((issue) => (
            <li key={issue.path + issue.message}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </Box>
      )}
    </Alert>
  );
}
