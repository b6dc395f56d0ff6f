import { Link as RouterLink, useSearchParams } from 'react-router';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorPanel, LoadingState, PageLayout } from '@callboard/frontend-plugin-api';
import type { TaskStatus } from '../../common/taskRoutes.ts';
import { taskClient } from '../scaffolderApi.ts';

const STATUSES: TaskStatus[] = ['open', 'processing', 'completed', 'failed', 'cancelled'];
const COLORS: Record<TaskStatus, 'default' | 'info' | 'success' | 'error'> = {
  open: 'default',
  processing: 'info',
  completed: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** `/create/tasks`: the caller's runs, newest first, filterable by status. */
export function TaskListPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') as TaskStatus | null;
  const tasks = useQuery({
    queryKey: ['scaffolder', 'tasks', status],
    queryFn: ({ signal }) => taskClient.listTasks({ query: { createdBy: 'me', ...(status ? { status: [status] } : {}), limit: 100 } as never }, { signal }),
    // Poll only while a run on the page can still change.
    refetchInterval: (query) => (query.state.data?.tasks.some((t) => t.status === 'open' || t.status === 'processing') ? 5000 : false),
  });
  return (
    <PageLayout title="My runs" subtitle="Templates you have run, newest first." actions={<Button component={RouterLink} to="/create">Create something new</Button>}>
      <TextField
        select
        size="small"
        label="Status"
        value={status ?? ''}
        onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {}, { replace: true })}
        sx={{ minWidth: 180, mb: 2 }}
      >
        <MenuItem value="">Any status</MenuItem>
        {STATUSES.map((s) => (
          <MenuItem key={s} value={s}>
            {s}
          </MenuItem>
        ))}
      </TextField>
      {tasks.isPending ? (
        <LoadingState label="Loading runs…" />
      ) : tasks.error ? (
        <ErrorPanel error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.tasks.length === 0 ? (
        <EmptyState
          title={status ? `No ${status} runs` : 'No runs yet'}
          description="Pick a template and fill in its form; each run shows up here with its log."
          action={
            <Button component={RouterLink} to="/create" variant="contained">
              Choose a template
            </Button>
          }
        />
      ) : (
        <Table size="small" aria-label="Runs">
          <TableHead>
            <TableRow>
              <TableCell>Template</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Problem</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {tasks.data.tasks.map((task) => (
              <TableRow key={task.id} hover>
                <TableCell>
                  <Link component={RouterLink} to={`/create/tasks/${task.id}`}>
                    {task.spec.templateInfo.entityRef.replace(/^template:(default\/)?/, '')}
                  </Link>
                </TableCell>
                <TableCell>
                  <Chip size="small" label={task.status} color={COLORS[task.status]} />
                </TableCell>
                <TableCell>{new Date(task.createdAt).toLocaleString()}</TableCell>
                <TableCell sx={{ color: 'error.main', maxWidth: 420 }}>{task.error ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </PageLayout>
  );
}
