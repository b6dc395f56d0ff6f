import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { stringifyEntityRef } from '@callboard/catalog-model';
import { EmptyState, ErrorPanel, LoadingState, useEntity } from '@callboard/frontend-plugin-api';
import { useAddNote, useDeleteNote, useNotes } from './notesApi.ts';

export function NotesTab() {
  const entity = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const notes = useNotes(entityRef);
  const add = useAddNote(entityRef);
  const remove = useDeleteNote(entityRef);
  const [draft, setDraft] = useState('');

  return (
    <Card variant="outlined">
      <CardContent>
        <Box
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate(draft, { onSuccess: () => setDraft('') });
          }}
          sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 2 }}
        >
          <TextField
            label="Add a note"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            multiline
            minRows={2}
            fullWidth
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            helperText={`Notes are shared with everyone who opens ${entity.metadata.title ?? entity.metadata.name}.`}
          />
          <Button type="submit" variant="contained" disabled={!draft.trim() || add.isPending}>
            {add.isPending ? 'Saving…' : 'Save'}
          </Button>
        </Box>
        {add.error && <ErrorPanel error={add.error} title="The note was not saved" />}
        {remove.error && <ErrorPanel error={remove.error} title="The note was not deleted" />}
        {notes.isPending ? (
          <LoadingState label="Loading notes…" />
        ) : notes.error ? (
          <ErrorPanel error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.data.items.length === 0 ? (
          <EmptyState title="No notes yet" description="Write down what the next person should know: quirks, runbooks, decisions." />
        ) : (
          <List aria-label="Notes">
            {notes.data.items.map((note) => (
              <ListItem
                key={note.id}
                divider
                secondaryAction={
                  <IconButton edge="end" aria-label="Delete note" onClick={() => remove.mutate(note.id)}>
                    <DeleteOutlined />
                  </IconButton>
                }
              >
                <ListItemText
                  primary={<Typography sx={{ whiteSpace: 'pre-wrap' }}>{note.body}</Typography>}
                  secondary={`${note.author} · ${new Date(note.createdAt).toLocaleString()}`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
