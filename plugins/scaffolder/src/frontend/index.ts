import { lazy } from 'react';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import { createFrontendPlugin, entityCard } from '@callboard/frontend-plugin-api';

// Each page is its own chunk: the forms library is loaded only when a
// wizard or the editor opens.
const ActionsPage = lazy(() => import('./ActionsPage.tsx').then((m) => ({ default: m.ActionsPage })));
const TemplateGalleryPage = lazy(() => import('./gallery/TemplateGalleryPage.tsx').then((m) => ({ default: m.TemplateGalleryPage })));
const TemplateWizardPage = lazy(() => import('./wizard/TemplateWizardPage.tsx').then((m) => ({ default: m.TemplateWizardPage })));
const TaskPage = lazy(() => import('./tasks/TaskPage.tsx').then((m) => ({ default: m.TaskPage })));
const TaskListPage = lazy(() => import('./tasks/TaskListPage.tsx').then((m) => ({ default: m.TaskListPage })));
const TemplateLaunchCard = lazy(() => import('./TemplateLaunchCard.tsx').then((m) => ({ default: m.TemplateLaunchCard })));
const TemplateEditorPage = lazy(() => import('./editor/TemplateEditorPage.tsx').then((m) => ({ default: m.TemplateEditorPage })));

export const scaffolderPlugin = createFrontendPlugin({
  id: 'scaffolder',
  title: 'Software templates',
  routes: [
    { path: '/create', component: TemplateGalleryPage },
    { path: '/create/templates/:namespace/:name', component: TemplateWizardPage },
    { path: '/create/tasks', component: TaskListPage },
    { path: '/create/tasks/:taskId', component: TaskPage },
    { path: '/create/edit', component: TemplateEditorPage },
    { path: '/create/actions', component: ActionsPage },
  ],
  nav: [{ title: 'Create', path: '/create', icon: AddCircleOutlineIcon, order: 2 }],
  extensions: [
    entityCard({
      id: 'use-template',
      predicate: (entity) => entity.kind === 'Template',
      component: TemplateLaunchCard,
      width: 6,
      order: 5,
    }),
  ],
});
