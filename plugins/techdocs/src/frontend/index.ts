import { lazy } from 'react';
import MenuBookIcon from '@mui/icons-material/MenuBookOutlined';
import { createFrontendPlugin, entityTab } from '@callboard/frontend-plugin-api';
import { TECHDOCS_REF_ANNOTATION } from '../common/techdocsRoutes.ts';

// Pages load on demand: the reader (and Mermaid behind it) is its own chunk.
const DocsTab = lazy(() => import('./DocsTab.tsx').then((m) => ({ default: m.DocsTab })));
const DocsIndexPage = lazy(() => import('./DocsIndexPage.tsx').then((m) => ({ default: m.DocsIndexPage })));

export const techdocsPlugin = createFrontendPlugin({
  id: 'techdocs',
  title: 'Docs',
  routes: [{ path: '/docs', component: DocsIndexPage }],
  nav: [{ title: 'Docs', path: '/docs', icon: MenuBookIcon, order: 10 }],
  extensions: [
    entityTab({
      id: 'docs',
      title: 'Docs',
      path: 'docs',
      predicate: (entity) => Boolean(entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION]),
      component: DocsTab,
      order: 10,
    }),
  ],
});
