import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { createFrontendPlugin, entityCard, entityTab, extension, headerSearchExtensionPoint, useEntity } from '@callboard/frontend-plugin-api';

function NotesTab() {
  const entity = useEntity();
  return <Typography>Notes for {entity.metadata.name} would go here.</Typography>;
}
function Broken(): never {
  throw new Error('Demo failure');
}
function DepsCard() {
  const entity = useEntity();
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2">Dependencies</Typography>
        <Typography>{JSON.stringify(entity.spec?.['dependsOn'] ?? [])}</Typography>
      </CardContent>
    </Card>
  );
}
function Search() {
  return <TextField size="small" placeholder="Search Callboard" slotProps={{ htmlInput: { 'aria-label': 'Search Callboard' } }} sx={{ width: 360, maxWidth: '100%' }} />;
}
export const demoPlugin = createFrontendPlugin({
  id: 'demo',
  extensions: [
    entityTab({ id: 'notes', title: 'Notes', path: 'notes', component: NotesTab, predicate: (e) => e.kind === 'Component' }),
    entityTab({ id: 'broken', title: 'Broken', path: 'broken', component: Broken }),
    entityTab({ id: 'badpred', title: 'Bad predicate', path: 'bad', component: NotesTab, predicate: () => { throw new Error('x'); } }),
    entityCard({ id: 'deps', component: DepsCard, width: 6 }),
    entityCard({ id: 'broken', component: Broken, width: 6 }),
    extension(headerSearchExtensionPoint, { component: Search }),
  ],
});
