export * from './createFrontendPlugin.ts';
export * from './extensions.ts';
export * from './createApiClient.ts';
export * from './AppContext.tsx';
export * from './EntityContext.tsx';
export * from './components/states.tsx';
export * from './components/PluginErrorBoundary.tsx';
export * from './components/PageLayout.tsx';
