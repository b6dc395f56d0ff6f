// Start-up and first-page weight. Times `npm start` (after the first build)
// until /readyz answers 200, on a fresh database and on an existing one, and
// measures the JavaScript Chromium downloads to show the catalog page.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildIfStale } from '../buildIfStale.mjs';
import { CHROMIUM_ARGS, chromiumPath, machine, median, repoRoot, writeReport } from './_util.mjs';

const PORT = 7099;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function benchConfig(dbDir) {
  const file = path.join(dbDir, 'bench-config.yaml');
  fs.writeFileSync(
    file,
    `backend:\n  listen:\n    host: 127.0.0.1\n    port: ${PORT}\n  logLevel: warn\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${dbDir}\n`,
  );
  return file;
}

async function waitReady(deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/readyz`);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

async function timeStart(command, args, configFile) {
  const started = performance.now();
  const child = spawn(command, [...args, '--config', configFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const ok = await waitReady(30_000);
  const ms = performance.now() - started;
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  if (!ok) throw new Error(`${command} ${args.join(' ')} did not become ready`);
  return ms;
}

async function measureStartup() {
  const results = {};
  const variants = [
    { key: 'npmStartFreshDb', label: '`npm start`, fresh database', command: 'npm', args: ['start', '--silent', '--'], fresh: true },
    { key: 'npmStartExistingDb', label: '`npm start`, existing database', command: 'npm', args: ['start', '--silent', '--'], fresh: false },
    { key: 'nodeExistingDb', label: '`node packages/backend/dist/main.mjs`, existing database', command: process.execPath, args: ['packages/backend/dist/main.mjs'], fresh: false },
  ];
  for (const v of variants) {
    const times = [];
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-'));
    const sharedConfig = benchConfig(shared);
    if (!v.fresh) await timeStart(v.command, v.args, sharedConfig); // creates and fills the database
    for (let i = 0; i < RUNS; i++) {
      let dir = shared;
      let config = sharedConfig;
      if (v.fresh) {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-'));
        config = benchConfig(dir);
      }
      times.push(await timeStart(v.command, v.args, config));
      if (v.fresh) fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.rmSync(shared, { recursive: true, force: true });
    results[v.key] = { label: v.label, runsMs: times.map((t) => Math.round(t)), medianMs: Math.round(median(times)) };
    console.log(`${v.label}: median ${Math.round(median(times))} ms (runs: ${times.map((t) => Math.round(t)).join(', ')})`);
  }
  return results;
}

async function measureFirstPage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-'));
  const child = spawn(process.execPath, ['packages/backend/dist/main.mjs', '--config', benchConfig(dir)], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    if (!(await waitReady(30_000))) throw new Error('backend did not become ready');
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const scripts = [];
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (response.request().resourceType() === 'script' || url.pathname.endsWith('.js')) {
          scripts.push(response.body().then((body) => ({ file: url.pathname, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length })));
        }
      });
      await page.goto(`http://127.0.0.1:${PORT}/catalog`);
      await page.getByRole('table', { name: 'Catalog entities' }).getByRole('row').nth(1).waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      const chunks = (await Promise.all(scripts)).sort((a, b) => b.gzip - a.gzip);
      return chunks;
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run() {
  buildIfStale();
  console.log(`Start-up benchmark on ${machine()}, ${os.cpus().length} cores; ${RUNS} runs each\n`);
  const startup = await measureStartup();
  const chunks = await measureFirstPage();
  const totalGzip = chunks.reduce((n, c) => n + c.gzip, 0);
  const totalRaw = chunks.reduce((n, c) => n + c.raw, 0);
  console.log(`\nJavaScript for the catalog page: ${chunks.length} files, ${(totalRaw / 1024).toFixed(1)} KB raw, ${(totalGzip / 1024).toFixed(1)} KB gzipped`);
  for (const c of chunks) console.log(`  ${c.file}: ${(c.raw / 1024).toFixed(1)} KB raw, ${(c.gzip / 1024).toFixed(1)} KB gzipped`);

  const backstageStartMs = 5200;
  const backstageGzipKb = 835;
  const s = startup.npmStartFreshDb.medianMs;
  const md = `# Start-up benchmark

Run with \`npm run bench -- startup\` on ${machine()}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}.
Each start is timed from spawning the command until \`GET /readyz\` answers 200
(the catalog has read the example organisation: ${'~100'} entities). ${RUNS} runs each; medians.

| figure | Callboard | Backstage (shared/bench) | ratio |
| --- | --- | --- | --- |
| ${startup.npmStartFreshDb.label} → ready | ${s} ms | ≈ 5,200 ms (3,800–6,300) to catalog API answering | ${(backstageStartMs / s).toFixed(1)}× faster |
| ${startup.npmStartExistingDb.label} → ready | ${startup.npmStartExistingDb.medianMs} ms | | |
| ${startup.nodeExistingDb.label} → ready | ${startup.nodeExistingDb.medianMs} ms | | |
| JavaScript for the first (catalog) page, gzipped | ${(totalGzip / 1024).toFixed(1)} KB in ${chunks.length} files | 835 KB in 23 files | ${(backstageGzipKb / (totalGzip / 1024)).toFixed(1)}× smaller |
| same, raw | ${(totalRaw / 1024).toFixed(1)} KB | 2.86 MB | |

Targets (issue 2): ready under 2 s after the first build — ${s < 2000 ? 'met' : 'NOT met'}; first-page JavaScript under 250 KB gzipped — ${totalGzip / 1024 < 250 ? 'met' : 'NOT met'}.

Runs (ms): fresh database ${startup.npmStartFreshDb.runsMs.join(', ')}; existing database ${startup.npmStartExistingDb.runsMs.join(', ')}; node directly ${startup.nodeExistingDb.runsMs.join(', ')}.

## Chunks the catalog page downloads

| file | raw | gzipped (level 9) |
| --- | --- | --- |
${chunks.map((c) => `| ${c.file} | ${(c.raw / 1024).toFixed(1)} KB | ${(c.gzip / 1024).toFixed(1)} KB |`).join('\n')}

## Where the time goes

\`npm start\` itself (npm's own start-up and the staleness check of the build) costs
the difference between the \`npm start\` and \`node\` rows. The rest is loading the
server bundle and its dependencies, opening SQLite, running migrations and
reading the example organisation's eight files.
`;
  writeReport('startup', md, { machine: machine(), startup, chunks, totalGzip, totalRaw });
}
