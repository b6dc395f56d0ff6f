export * from './testDatabases.ts';
export * from './startTestBackend.ts';
export * from './fakeGithub.ts';
export * from './gitFixtures.ts';
