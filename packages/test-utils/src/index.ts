export * from './testDatabases.ts';
export * from './startTestBackend.ts';
