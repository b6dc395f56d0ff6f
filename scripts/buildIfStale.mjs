// Builds the web app and the server bundle when any source is newer than the
// last build, so `npm start` is one command on a fresh clone and instant after.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SKIP = new Set(['node_modules', 'dist', '.turbo', '.callboard']);

function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith('.test.ts') && !entry.name.endsWith('.test.tsx')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

const targets = [
  { name: 'web app', dir: 'packages/app', output: 'packages/app/dist/index.html' },
  { name: 'server', dir: 'packages/backend', output: 'packages/backend/dist/main.mjs' },
];

export function buildIfStale({ force = false } = {}) {
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'packages')),
    newestMtime(path.join(repoRoot, 'plugins')),
    mtime(path.join(repoRoot, 'package-lock.json')),
  );
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const target of targets) {
    const built = mtime(path.join(repoRoot, target.output));
    if (!force && built >= sources) continue;
    const started = Date.now();
    process.stdout.write(`Building the ${target.name}… `);
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: path.join(repoRoot, target.dir),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0) {
      console.error(`\nBuilding the ${target.name} failed (see above). Fix the error and run the command again.`);
      process.exit(1);
    }
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
