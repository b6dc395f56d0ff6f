import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { EmptyState, ErrorPanel, LoadingState, PageLayout } from '@callboard/frontend-plugin-api';
import type { ActionDescription } from '../common/scaffolderRoutes.ts';
import { describeFields, type SchemaField } from './describeSchema.ts';
import { useInstalledActions } from './scaffolderApi.ts';

function FieldsTable(props: { fields: SchemaField[]; label: string; showRequired?: boolean }) {
  if (props.fields.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No fields.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Description</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.fields.map((field) => (
          <TableRow key={field.name}>
            <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
              {field.name}
              {field.required && props.showRequired !== false && <Chip label="required" size="small" color="primary" variant="outlined" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{field.type}</TableCell>
            <TableCell>
              {field.description ?? ''}
              {field.defaultValue !== undefined && (
                <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: field.description ? 1 : 0 }}>
                  Default: <code>{field.defaultValue}</code>
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ActionCard(props: { action: ActionDescription }) {
  const { action } = props;
  const inputs = describeFields(action.schema.input);
  const outputs = describeFields(action.schema.output);
  return (
    <Card variant="outlined" component="article" aria-labelledby={`action-${action.id}`}>
      <CardContent>
        <Typography id={`action-${action.id}`} variant="h6" component="h2" sx={{ fontFamily: 'monospace' }}>
          {action.id}
        </Typography>
        {action.description && <Typography sx={{ mb: 2 }}>{action.description}</Typography>}
        <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
          Input
        </Typography>
        {inputs.length <= 1 ? (
          <FieldsTable fields={inputs[0] ?? []} label={`Input of ${action.id}`} />
        ) : (
          inputs.map((fields, index) => (
            <Box key={index} sx={{ mb: 1 }}>
              <Typography variant="body2" color="text.secondary">
                {index === 0 ? 'Either' : 'or'}
              </Typography>
              <FieldsTable fields={fields} label={`Input of ${action.id}, form ${index + 1}`} />
            </Box>
          ))
        )}
        {outputs.length > 0 && (
          <>
            <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
              Output
            </Typography>
            <FieldsTable fields={outputs[0] ?? []} label={`Output of ${action.id}`} showRequired={false} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** Every action templates can use here, with what each takes and returns. */
export function ActionsPage() {
  const actions = useInstalledActions();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = [...(actions.data ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    return needle ? all.filter((a) => a.id.toLowerCase().includes(needle) || a.description?.toLowerCase().includes(needle)) : all;
  }, [actions.data, filter]);

  return (
    <PageLayout title="Installed actions" subtitle="The actions template steps can use on this portal, with the input each takes.">
      {actions.isPending ? (
        <LoadingState label="Loading actions…" />
      ) : actions.error ? (
        <ErrorPanel error={actions.error} onRetry={() => void actions.refetch()} />
      ) : (
        <>
          <TextField label="Filter actions" value={filter} onChange={(e) => setFilter(e.target.value)} size="small" sx={{ mb: 2, minWidth: 280 }} />
          {shown.length === 0 ? (
            <EmptyState title="No action matches" description={`Nothing installed is called '${filter}'.`} />
          ) : (
            <Box sx={{ display: 'grid', gap: 2 }}>
              {shown.map((action) => (
                <ActionCard key={action.id} action={action} />
              ))}
            </Box>
          )}
        </>
      )}
    </PageLayout>
  );
}
