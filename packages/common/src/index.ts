export * from './errors.ts';
export * from './zodIssues.ts';
export * from './routeTable.ts';
