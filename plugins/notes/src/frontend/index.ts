import { lazy } from 'react';
import { createFrontendPlugin, entityCard, entityTab } from '@callboard/frontend-plugin-api';

const NotesTab = lazy(() => import('./NotesTab.tsx').then((m) => ({ default: m.NotesTab })));
const LatestNoteCard = lazy(() => import('./LatestNoteCard.tsx').then((m) => ({ default: m.LatestNoteCard })));

export const notesPlugin = createFrontendPlugin({
  id: 'notes',
  title: 'Notes',
  extensions: [
    entityTab({ id: 'notes', title: 'Notes', path: 'notes', component: NotesTab, order: 50 }),
    // Only software gets the card; people and teams keep a quieter overview.
    entityCard({
      id: 'latest-note',
      predicate: (entity) => ['component', 'api', 'resource', 'system'].includes(entity.kind.toLowerCase()),
      component: LatestNoteCard,
      width: 4,
      order: 50,
    }),
  ],
});
