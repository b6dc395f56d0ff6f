import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import { useMutation, useQuery } from '@tanstack/react-query';
import Markdown from 'react-markdown';
import { ErrorPanel, LoadingState, PageLayout } from '@callboard/frontend-plugin-api';
import { taskClient } from '../scaffolderApi.ts';
import { outputLinks, outputTexts } from './taskOutput.ts';
import { stepDuration, type StepState } from './taskProgress.ts';
import { useTaskStream } from './useTaskStream.ts';

function StepIcon(props: { state: StepState }) {
  switch (props.state) {
    case 'processing':
      return <CircularProgress size={20} aria-label="running" />;
    case 'completed':
      return <CheckCircleIcon color="success" aria-label="done" />;
    case 'failed':
      return <ErrorIcon color="error" aria-label="failed" />;
    case 'skipped':
    case 'cancelled':
      return <RemoveCircleOutlineIcon color="disabled" aria-label={props.state} />;
    default:
      return <RadioButtonUncheckedIcon color="disabled" aria-label="waiting" />;
  }
}

const STATE_WORDS: Record<StepState, string> = {
  waiting: 'Waiting',
  processing: 'Running',
  completed: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** `/create/tasks/:taskId`: a run of a template, its steps and log live, then its output. */
export function TaskPage() {
  const taskId = useParams().taskId ?? '';
  const { progress, connected } = useTaskStream(taskId);
  const task = useQuery({
    queryKey: ['scaffolder', 'task', taskId, progress.finished ?? 'running'],
    queryFn: ({ signal }) => taskClient.getTask({ params: { taskId } }, { signal }),
  });
  const cancel = useMutation({ mutationFn: () => taskClient.cancelTask({ params: { taskId } }) });
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [follow, setFollow] = useState(true);
  const logRef = useRef<HTMLPreElement>(null);

  const steps = task.data?.spec.steps ?? [];
  const status = progress.finished ?? (task.data && task.data.status !== 'open' && task.data.status !== 'processing' ? task.data.status : undefined);
  const lines = useMemo(() => (selected ? progress.lines.filter((l) => l.stepId === selected) : progress.lines), [progress.lines, selected]);
  const output = task.data?.output ?? {};
  const links = outputLinks(output);
  const texts = outputTexts(output);

  useEffect(() => {
    if (follow && logRef.current) logRef.current.scrollTop = logRef.current.scrollHeight;
  }, [lines, follow]);

  if (task.isPending) return <LoadingState label="Loading the run…" />;
  if (task.error) {
    return (
      <PageLayout title="Run">
        <ErrorPanel error={task.error} onRetry={() => void task.refetch()} />
      </PageLayout>
    );
  }
  const data = task.data;
  const running = !status;
  const templateName = data.spec.templateInfo.entityRef.replace(/^template:/, '');
  const shownName = templateName.replace(/^default\//, '');

  return (
    <PageLayout
      title={`Run of ${shownName}`}
      subtitle={`Started ${new Date(data.createdAt).toLocaleString()} by ${data.createdBy}`}
      actions={
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Chip
            label={running ? (data.status === 'open' ? 'Queued' : 'Running') : status === 'completed' ? 'Completed' : status === 'failed' ? 'Failed' : 'Cancelled'}
            color={running ? 'info' : status === 'completed' ? 'success' : status === 'failed' ? 'error' : 'default'}
            aria-label="Run status"
          />
          {running && (
            <Button color="error" variant="outlined" disabled={cancel.isPending || cancel.isSuccess} onClick={() => cancel.mutate()}>
              {cancel.isSuccess ? 'Cancelling…' : 'Cancel'}
            </Button>
          )}
        </Stack>
      }
    >
      {status === 'failed' && data.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {data.error}
        </Alert>
      )}
      {cancel.error && <ErrorPanel error={cancel.error} title="The run could not be cancelled" />}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '280px 1fr' } }}>
        <Paper variant="outlined">
          <List aria-label="Steps" dense>
            <ListItemButton selected={!selected} onClick={() => setSelected(undefined)}>
              <ListItemText primary="All steps" secondary={`${progress.lines.length} log lines`} />
            </ListItemButton>
            {steps.map((step) => {
              // A step with no event by the end never ran: an earlier one failed or the run was cancelled.
              const shownState: StepState = progress.steps[step.id] ? progress.steps[step.id]!.state : status ? 'skipped' : 'waiting';
              const duration = progress.steps[step.id] ? stepDuration(progress.steps[step.id]!) : undefined;
              return (
                <ListItemButton key={step.id} selected={selected === step.id} onClick={() => setSelected(step.id)} aria-label={`${step.name}: ${STATE_WORDS[shownState]}`}>
                  <ListItemIcon sx={{ minWidth: 36 }}>
                    <StepIcon state={shownState} />
                  </ListItemIcon>
                  <ListItemText primary={step.name} secondary={`${STATE_WORDS[shownState]}${duration ? ` · ${duration}` : ''}`} />
                </ListItemButton>
              );
            })}
          </List>
        </Paper>
        <Box sx={{ minWidth: 0 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', mb: 1, gap: 1 }}>
            <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>
              Log{selected ? ` of ${steps.find((s) => s.id === selected)?.name ?? selected}` : ''}
            </Typography>
            {running && (
              <Typography variant="caption" color={connected ? 'success.main' : 'text.secondary'}>
                {connected ? '● live' : 'reconnecting…'}
              </Typography>
            )}
            <Button size="small" onClick={() => setFollow(!follow)}>
              {follow ? 'Stop following' : 'Follow the log'}
            </Button>
          </Box>
          <Box
            component="pre"
            ref={logRef}
            role="log"
            aria-label="Run log"
            aria-live="polite"
            sx={{
              m: 0,
              p: 1.5,
              height: 360,
              overflow: 'auto',
              bgcolor: 'grey.900',
              color: 'grey.100',
              borderRadius: 1,
              fontSize: 13,
              lineHeight: 1.5,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-word',
            }}
          >
            {lines.length === 0 ? (running ? 'Waiting for the first step…' : 'No log lines.') : lines.map((line) => `${new Date(line.createdAt).toLocaleTimeString()}  ${line.message}`).join('\n')}
          </Box>
          {(links.length > 0 || texts.length > 0) && (
            <Paper variant="outlined" sx={{ p: 2, mt: 2 }} component="section" aria-label="Output">
              <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
                Output
              </Typography>
              {links.length > 0 && (
                <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, mb: texts.length ? 2 : 0 }}>
                  {links.map((link) =>
                    link.internal ? (
                      <Button key={link.title + link.href} component={RouterLink} to={link.href} variant="contained">
                        {link.title}
                      </Button>
                    ) : (
                      <Button key={link.title + link.href} href={link.href} target="_blank" rel="noopener noreferrer" variant="outlined">
                        {link.title}
                      </Button>
                    ),
                  )}
                </Stack>
              )}
              {texts.map((text) => (
                <Box key={text.title} sx={{ mt: 1 }}>
                  <Typography variant="subtitle2" component="h3">
                    {text.title}
                  </Typography>
                  {/* Markdown from the template, rendered to React elements: raw HTML in it is shown as text, never run. */}
                  <Box sx={{ typography: 'body2', '& p': { my: 1 }, '& code': { fontFamily: 'monospace', bgcolor: 'action.hover', px: 0.5, borderRadius: 0.5 } }}>
                    <Markdown
                      skipHtml
                      urlTransform={(url) => (/^(https?:|mailto:|\/|#)/i.test(url) ? url : '')}
                    >
                      {text.content}
                    </Markdown>
                  </Box>
                </Box>
              ))}
            </Paper>
          )}
          {!running && (
            <Box sx={{ mt: 2 }}>
              <Link component={RouterLink} to={`/create/templates/${templateName.split('/').map(encodeURIComponent).join('/')}`}>
                Run this template again
              </Link>
            </Box>
          )}
        </Box>
      </Box>
    </PageLayout>
  );
}
