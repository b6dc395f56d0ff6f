import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { stringifyEntityRef } from '@callboard/catalog-model';
import { ErrorPanel, LoadingState, useEntity } from '@callboard/frontend-plugin-api';
import { useNotes } from './notesApi.ts';

export function LatestNoteCard() {
  const entity = useEntity();
  const notes = useNotes(stringifyEntityRef(entity), 1);
  const latest = notes.data?.items[0];
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardHeader title="Latest note" slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        {notes.isPending ? (
          <LoadingState />
        ) : notes.error ? (
          <ErrorPanel error={notes.error} />
        ) : latest ? (
          <>
            <Typography sx={{ whiteSpace: 'pre-wrap' }}>{latest.body}</Typography>
            <Typography variant="caption" color="text.secondary">
              {latest.author} · {new Date(latest.createdAt).toLocaleDateString()}
            </Typography>
          </>
        ) : (
          <Typography color="text.secondary">
            No notes yet. <Link to="notes">Add the first one</Link>.
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
