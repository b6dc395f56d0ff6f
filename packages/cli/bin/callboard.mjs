#!/usr/bin/env node
// The `callboard` command. It runs the bundled build; in a fresh clone run
// `npm run build` (or `npm start`, which builds) first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/callboard.mjs');
if (!fs.existsSync(bundle)) {
  console.error('The callboard command is not built yet. Run `npm run build` in the Callboard checkout, then try again.');
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
