import { Navigate, Route, Routes } from 'react-router';
import { PluginErrorBoundary, type FrontendPlugin } from '@callboard/frontend-plugin-api';
import { NotFoundPage } from './NotFoundPage.tsx';

export function AppRoutes(props: { plugins: readonly FrontendPlugin[] }) {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/catalog" replace />} />
      {props.plugins.flatMap((plugin) =>
        plugin.routes.map((route) => {
          const Page = route.component;
          const key = `${plugin.id}:${route.path}`;
          return (
            <Route
              key={key}
              path={route.path}
              element={
                // Keyed per route so a page that failed does not keep its error when you move to another.
                <PluginErrorBoundary key={key} pluginId={plugin.id}>
                  <Page />
                </PluginErrorBoundary>
              }
            />
          );
        }),
      )}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
