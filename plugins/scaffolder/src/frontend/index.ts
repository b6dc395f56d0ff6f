import { lazy } from 'react';
import { createFrontendPlugin } from '@callboard/frontend-plugin-api';

const ActionsPage = lazy(() => import('./ActionsPage.tsx').then((m) => ({ default: m.ActionsPage })));

// Only the installed-actions page exists so far, at Backstage's address for
// it. The template gallery and wizard are not built, so there is no
// "Create" entry in the sidebar yet (see docs/scaffolder.md).
export const scaffolderPlugin = createFrontendPlugin({
  id: 'scaffolder',
  title: 'Software templates',
  routes: [{ path: '/create/actions', component: ActionsPage }],
});
