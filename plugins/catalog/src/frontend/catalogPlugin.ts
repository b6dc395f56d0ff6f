import { lazy } from 'react';
import CategoryIcon from '@mui/icons-material/Category';
import PostAddIcon from '@mui/icons-material/PostAdd';
import { createFrontendPlugin } from '@callboard/frontend-plugin-api';

// Pages load on demand so the catalog is its own chunk; this file stays tiny
// because the app shell imports every plugin's index eagerly.
const CatalogPage = lazy(() => import('./CatalogPage.tsx').then((m) => ({ default: m.CatalogPage })));
const EntityPage = lazy(() => import('./EntityPage.tsx').then((m) => ({ default: m.EntityPage })));
const RegisterPage = lazy(() => import('./register/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })));

export const catalogPlugin = createFrontendPlugin({
  id: 'catalog',
  title: 'Catalog',
  routes: [
    { path: '/catalog', component: CatalogPage },
    { path: '/catalog/:namespace/:kind/:name/*', component: EntityPage },
    { path: '/catalog-import', component: RegisterPage },
  ],
  nav: [
    { title: 'Catalog', path: '/catalog', icon: CategoryIcon, order: 0 },
    { title: 'Register', path: '/catalog-import', icon: PostAddIcon, order: 1 },
  ],
});
