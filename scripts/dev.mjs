// `npm run dev`: the server rebuilt and restarted on change, and the web app
// with hot reload at http://localhost:3000 (it proxies /api to the server).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfStale, repoRoot } from './buildIfStale.mjs';

buildIfStale();
const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
const children = [
  spawn(process.execPath, [vite, 'build', '--watch', '--logLevel', 'warn'], { cwd: path.join(repoRoot, 'packages/backend'), stdio: 'inherit' }),
  spawn(process.execPath, ['--watch-path=packages/backend/dist', 'packages/backend/dist/main.mjs', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' }),
  spawn(process.execPath, [vite], { cwd: path.join(repoRoot, 'packages/app'), stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
