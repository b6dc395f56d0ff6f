import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { FrontendPlugin } from './createFrontendPlugin.ts';
import type { FrontendExtensionPoint } from './extensions.ts';

export interface ContributedItem<T> {
  pluginId: string;
  data: T;
}

interface AppContextValue {
  plugins: readonly FrontendPlugin[];
  appTitle: string;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

export function AppContextProvider(props: { plugins: readonly FrontendPlugin[]; appTitle: string; children: ReactNode }) {
  const value = useMemo(() => ({ plugins: props.plugins, appTitle: props.appTitle }), [props.plugins, props.appTitle]);
  return <AppContext.Provider value={value}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp must be used inside the Callboard app');
  return value;
}

/** Every contribution to a point, with the plugin that made it, ordered by `order`. */
export function useExtensions<T>(point: FrontendExtensionPoint<T>): ContributedItem<T>[] {
  const { plugins } = useApp();
  return useMemo(() => {
    const items: ContributedItem<T>[] = [];
    for (const plugin of plugins) {
      for (const ext of plugin.extensions) {
        if (ext.point.id === point.id) items.push({ pluginId: plugin.id, data: ext.data as T });
      }
    }
    const orderOf = (d: unknown) => (d as { order?: number }).order ?? 100;
    return items.sort((a, b) => orderOf(a.data) - orderOf(b.data));
  }, [plugins, point.id]);
}
