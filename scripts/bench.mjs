// `npm run bench -- <name>`: runs scripts/bench/<name>.mjs, which prints its
// figures and writes bench-reports/<name>.md and .json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(path.join(here, 'bench'))
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .map((f) => f.replace(/\.mjs$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const { run } = await import(path.join(here, 'bench', `${name}.mjs`));
await run(process.argv.slice(3));
