import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { AppContextProvider } from '@callboard/frontend-plugin-api';
import { appTheme, THEME_MODE_STORAGE_KEY } from './theme.ts';
import { createQueryClient } from './queryClient.ts';
import { plugins } from './plugins.ts';
import { AppShell } from './layout/AppShell.tsx';
import { AppRoutes } from './AppRoutes.tsx';
import { ScrollRestoration } from './layout/ScrollRestoration.tsx';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ThemeProvider theme={appTheme} defaultMode="system" modeStorageKey={THEME_MODE_STORAGE_KEY}>
      <CssBaseline enableColorScheme />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ScrollRestoration />
          <AppContextProvider plugins={plugins} appTitle="Callboard">
            <AppShell>
              <AppRoutes plugins={plugins} />
            </AppShell>
          </AppContextProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
