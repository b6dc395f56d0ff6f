// `npm start`: build what is stale, then run the portal in this process.
import { buildIfStale, repoRoot } from './buildIfStale.mjs';

buildIfStale();
process.env.CALLBOARD_ROOT ??= repoRoot;
await import('../packages/backend/dist/main.mjs');
