export * from './refs.ts';
export * from './createBackendPlugin.ts';
export * from './serviceFactory.ts';
export * from './coreServices.ts';
export * from './createTypedRouter.ts';
export * from './runGit.ts';
export * from './gitRemote.ts';
export * from './KeyedQueue.ts';
