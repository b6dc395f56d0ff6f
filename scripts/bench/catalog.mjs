// The catalog at scale, on PostgreSQL: ingest a synthetic organisation from
// local Git repositories, refresh with nothing changed, then load the API
// with concurrent clients, measure memory, and time the catalog page in
// Chromium. `npm run bench -- catalog [--entities 100000] [--repos 200]`.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildIfStale } from '../buildIfStale.mjs';
import { CHROMIUM_ARGS, chromiumPath, hasWrk, machine, median, percentile, repoRoot, runWrk, waitReady, writeReport } from './_util.mjs';

const PORT = 7097;
const BASE = `http://127.0.0.1:${PORT}`;
const PG_URL = process.env.CALLBOARD_BENCH_PG_URL ?? process.env.CALLBOARD_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function arg(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
}

function git(args, cwd) {
  execFileSync('git', args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The generator's files, one per repository, cached under .bench/ between runs. */
function prepareRepos(n, repos) {
  const dir = path.join(repoRoot, '.bench', `catalog-${n}-${repos}`);
  const done = path.join(dir, '.ready');
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const gen = path.join(dir, 'generated');
  fs.mkdirSync(gen, { recursive: true });
  const started = Date.now();
  execFileSync(process.execPath, [path.resolve(repoRoot, '../shared/bench/gen-entities.mjs'), gen, String(n), String(repos)], { stdio: 'inherit' });
  const files = fs.readdirSync(gen).filter((f) => /^entities-\d+\.yaml$/.test(f)).sort();
  files.forEach((file, i) => {
    const repo = path.join(dir, 'repos', `repo-${String(i + 1).padStart(3, '0')}`);
    fs.mkdirSync(repo, { recursive: true });
    fs.copyFileSync(path.join(gen, file), path.join(repo, 'catalog-info.yaml'));
    git(['init', '--quiet', '--initial-branch', 'main'], repo);
    git(['add', '--all'], repo);
    git(['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'catalog'], repo);
    if ((i + 1) % 50 === 0) process.stdout.write(`  ${i + 1}/${files.length} repositories\r`);
  });
  console.log(`Prepared ${files.length} Git repositories holding ${n} entities in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  fs.writeFileSync(done, '');
  return dir;
}

function writeConfig(dir, repoDirs, prefix, workers) {
  const file = path.join(dir, 'bench-config.yaml');
  const locations = repoDirs.map((r) => `    - type: git\n      target: ${r}\n      glob: '*.yaml'`).join('\n');
  fs.writeFileSync(
    file,
    `backend:\n  listen:\n    host: 127.0.0.1\n    port: ${PORT}\n  logLevel: warn\n  database:\n    client: pg\n    connection: ${PG_URL}\n    schemaPrefix: ${prefix}\n    pool:\n      max: 10\ncatalog:\n  refresh:\n    intervalSeconds: 86400\n  gitCacheDir: ${path.join(dir, 'mirrors')}\n${Number.isNaN(workers) ? '' : `  processingWorkers: ${workers}\n`}  locations:\n${locations}\n`,
  );
  return file;
}

/** CPU seconds (user + system) a process has used, from /proc; `children` for those it has reaped (git). */
function cpuSeconds(pid, which = 'self') {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const [user, system] = which === 'self' ? [fields[11], fields[12]] : [fields[13], fields[14]];
  return (Number(user) + Number(system)) / 100;
}

/**
 * CPU seconds every PostgreSQL process on this machine has used, including
 * connections that have ended (the postmaster's reaped children); a local
 * server only.
 */
function postgresCpuSeconds() {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
    } catch {
      // The process has gone.
    }
  }
  return total;
}

function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/** Load from wrk; paths come from a list. */
function loadWithWrk(name, paths, { clients = 10, seconds = 10 } = {}) {
  const r = runWrk(BASE, paths, { threads: 2, connections: clients, seconds });
  const result = { name, client: 'wrk', requests: r.requests, errors: r.errors, rps: r.rps, p50: +r.p50.toFixed(1), p95: +r.p95.toFixed(1), p99: +r.p99.toFixed(1) };
  console.log(`  ${name}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, ${result.rps} req/s, ${result.errors} errors (wrk)`);
  return result;
}

async function load(name, makeUrl, { clients = 10, seconds = 10 } = {}) {
  if (hasWrk()) return loadWithWrk(name, Array.from({ length: 20_000 }, () => makeUrl()), { clients, seconds });
  const latencies = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        const res = await fetch(`${BASE}${makeUrl()}`);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) errors++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const result = {
    name,
    client: 'fetch',
    requests: latencies.length,
    errors,
    rps: Math.round(latencies.length / elapsed),
    p50: +median(latencies).toFixed(1),
    p95: +percentile(latencies, 95).toFixed(1),
    p99: +percentile(latencies, 99).toFixed(1),
  };
  console.log(`  ${name}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, ${result.rps} req/s, ${errors} errors`);
  return result;
}

async function firstRowsInChromium() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${BASE}/catalog`);
      await page.getByRole('table', { name: 'Catalog entities' }).getByRole('row').nth(1).waitFor({ timeout: 30_000 });
      times.push(Date.now() - t0);
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

export async function run(args) {
  const n = arg(args, 'entities', 100_000);
  const repos = arg(args, 'repos', 200);
  buildIfStale();
  console.log(`Catalog benchmark on ${machine()}, ${os.cpus().length} cores: ${n} entities in ${repos} Git repositories, PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//')}\n`);
  const dir = prepareRepos(n, repos);
  const repoDirs = fs.readdirSync(path.join(dir, 'repos')).sort().map((r) => path.join(dir, 'repos', r));
  const entities = JSON.parse(fs.readFileSync(path.join(dir, 'generated', 'entities.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'generated', 'manifest.json'), 'utf8'));
  const prefix = `bench${Date.now().toString(36)}_`;
  fs.rmSync(path.join(dir, 'mirrors'), { recursive: true, force: true });
  // --workers N sets catalog.processingWorkers (unset: the catalog's default).
  const configFile = writeConfig(dir, repoDirs, prefix, arg(args, 'workers', NaN));

  // Each run starts right after a checkpoint, so runs pay the same full-page
  // writes instead of whichever run a checkpoint happens to fall in.
  try {
    execFileSync('psql', [PG_URL, '-qXc', 'CHECKPOINT'], { stdio: 'ignore' });
  } catch {
    console.warn('Could not run CHECKPOINT before the load (not a superuser?); runs may vary more');
  }
  const pgCpuBefore = postgresCpuSeconds();
  const started = performance.now();
  // --profile writes a V8 CPU profile of the backend under .bench/profiles/ (open it in Chromium's DevTools).
  const profileDir = path.join(repoRoot, '.bench', 'profiles');
  const nodeFlags = [...(args.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), ...(process.env.CB_NODE_FLAGS ? process.env.CB_NODE_FLAGS.split(' ') : [])];
  const child = spawn(process.execPath, [...nodeFlags, 'packages/backend/dist/main.mjs', '--config', configFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const report = { machine: machine(), entities: n, repos };
  try {
    await waitReady(BASE, child, 15 * 60_000);
    const ingestSeconds = (performance.now() - started) / 1000;
    // CPU time, less disturbed than wall time by whatever else the machine runs.
    const ingestCpu = { backend: +cpuSeconds(child.pid).toFixed(1), git: +cpuSeconds(child.pid, 'children').toFixed(1), postgres: +(postgresCpuSeconds() - pgCpuBefore).toFixed(1) };
    const total = (await (await fetch(`${BASE}/api/catalog/entities/by-query?limit=0`)).json()).totalItems;
    if (total !== n) throw new Error(`expected ${n} entities, the catalog holds ${total}`);
    // Every relation the generator declared is queryable, from both ends.
    const sample = entities.filter((e) => e.kind === 'Component' && e.spec.dependsOn).slice(0, 50);
    for (const e of sample) {
      const got = await (await fetch(`${BASE}/api/catalog/entities/by-name/component/default/${e.metadata.name}`)).json();
      for (const dep of e.spec.dependsOn) {
        if (!got.relations.some((r) => r.type === 'dependsOn' && r.targetRef === dep)) throw new Error(`${e.metadata.name} lacks dependsOn ${dep}`);
      }
      const owner = e.spec.owner;
      const owned = await (await fetch(`${BASE}/api/catalog/entities/by-query?limit=0&filter=${encodeURIComponent(`relations.ownedBy=${owner}`)}`)).json();
      if (owned.totalItems < 1) throw new Error(`no entity owned by ${owner}`);
    }
    const rate = n / ingestSeconds;
    // Served JSON is warmed in the background after a bulk load; entities are
    // already queryable (assembled on read). Wait for it so the load below
    // measures the steady state, and report how long it took.
    while ((await (await fetch(`${BASE}/api/catalog/status`)).json()).pendingRebuilds > 0) await new Promise((r) => setTimeout(r, 100));
    report.warmSeconds = +((performance.now() - started) / 1000 - ingestSeconds).toFixed(1);
    console.log(`Served JSON warmed ${report.warmSeconds} s after ready`);
    report.ingest = { seconds: +ingestSeconds.toFixed(2), entitiesPerSecond: Math.round(rate), rssMb: Math.round(rssMb(child.pid)), cpuSeconds: ingestCpu };
    console.log(`Ingest: ${n} entities from ${repos} repositories queryable after ${ingestSeconds.toFixed(1)} s (${Math.round(rate)} entities/s, spawn to ready); RSS ${report.ingest.rssMb} MB; CPU backend ${ingestCpu.backend} s, PostgreSQL ${ingestCpu.postgres} s, git ${ingestCpu.git} s`);
    // --ingest-only stops here (for profiling ingest); no report is written.
    if (args.includes('--ingest-only')) return;

    // A refresh with nothing changed: every location asked to refresh, one after another.
    const firstOfRepo = repoDirs.map((_, i) => {
      const text = fs.readFileSync(path.join(repoDirs[i], 'catalog-info.yaml'), 'utf8');
      const kind = /kind: (\w+)/.exec(text)[1].toLowerCase();
      const name = /name: ([\w-]+)/.exec(text)[1];
      return `${kind}:default/${name}`;
    });
    const r0 = performance.now();
    for (const ref of firstOfRepo) {
      const res = await fetch(`${BASE}/api/catalog/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entityRef: ref }) });
      if (res.status !== 200) throw new Error(`refresh of ${ref} answered ${res.status}`);
    }
    report.refreshUnchanged = { seconds: +((performance.now() - r0) / 1000).toFixed(2), locations: firstOfRepo.length };
    console.log(`Refresh with nothing changed: ${report.refreshUnchanged.seconds} s for ${firstOfRepo.length} repositories`);

    // New location queryable: the time POST /locations takes is the time to queryable.
    console.log('Load, 10 concurrent clients for 10 s each:');
    const names = entities.map((e) => `${e.kind.toLowerCase()}/default/${e.metadata.name}`);
    let k = 0;
    report.load = [
      await load('by-query kind=component,spec.type=service limit 20', () => '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=20'),
      await load('by-name', () => `/api/catalog/entities/by-name/${names[(k = (k * 7919 + 1) % names.length)]}`),
      await load('entity-facets kind, spec.type, spec.lifecycle, metadata.tags', () => '/api/catalog/entity-facets?facet=kind&facet=spec.type&facet=spec.lifecycle&facet=metadata.tags'),
    ];
    // The same queries, each with a fresh filter so no cached aggregate helps: the cold figures.
    let salt = 0;
    report.loadUncached = [
      await load('by-query, a different owner each request (uncached count)', () => `/api/catalog/entities/by-query?filter=kind=component,spec.type=service,spec.owner=group:default/team-${String((salt++ % manifest.counts.Group) + 1).padStart(4, '0')}&limit=20`),
      await load('entity-facets, a different owner each request (uncached)', () => `/api/catalog/entity-facets?facet=kind&facet=spec.type&facet=spec.lifecycle&facet=metadata.tags&filter=spec.owner=group:default/team-${String((salt++ % manifest.counts.Group) + 1).padStart(4, '0')}`),
    ];
    report.rssAfterLoadMb = Math.round(rssMb(child.pid));
    console.log(`RSS after load: ${report.rssAfterLoadMb} MB`);

    const pageTimes = await firstRowsInChromium();
    report.catalogPageFirstRowsMs = { runs: pageTimes, median: median(pageTimes) };
    console.log(`Catalog page in Chromium, first rows: median ${median(pageTimes)} ms (runs ${pageTimes.join(', ')})`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    // CALLBOARD_BENCH_KEEP_DB=1 keeps the database for a look at what was written.
    if (process.env.CALLBOARD_BENCH_KEEP_DB) console.log(`Kept the benchmark schemas ${prefix}*`);
    else try {
      execFileSync('psql', [PG_URL, '-qc', `DO $$ DECLARE s text; BEGIN FOR s IN SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '${prefix}%' LOOP EXECUTE 'DROP SCHEMA ' || quote_ident(s) || ' CASCADE'; END LOOP; END $$;`], { stdio: 'ignore' });
    } catch {
      console.warn(`Could not drop the benchmark schemas ${prefix}*`);
    }
  }
  writeReport('catalog', renderReport(report), report);
}

function renderReport(r) {
  const bs = { ingestRate: 71, ingestRatePg: 145, byQuery10kP50: 353, byQuery10kPgP50: 75, byName10kPgP50: 7, facets10kPgP50: 13 };
  const q = (name) => r.load.find((l) => l.name.startsWith(name));
  const byQuery = q('by-query');
  const byName = q('by-name');
  const facets = q('entity-facets');
  const ok = (v, limit) => (v <= limit ? 'met' : 'NOT met');
  return `# Catalog benchmark

\`npm run bench -- catalog\` on ${r.machine}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}:
${r.entities.toLocaleString('en-US')} entities from \`shared/bench/gen-entities.mjs\` in ${r.repos} local Git
repositories (git locations), PostgreSQL 15 on the same machine. Load: 10 concurrent
connections for 10 s per query, from ${r.load[0].client === 'wrk' ? "wrk (Debian's package, a separate C process)" : "Node's fetch in the benchmark process"}.

| figure | Callboard | target | Backstage (shared/bench) |
| --- | --- | --- | --- |
| ingest ${r.entities.toLocaleString('en-US')} entities, spawn → every entity queryable | ${r.ingest.seconds} s, **${r.ingest.entitiesPerSecond.toLocaleString('en-US')} entities/s** (served JSON then warmed in the background in ${r.warmSeconds} s more) | ≥ 5,000/s (${ok(-r.ingest.entitiesPerSecond, -5000)}) | 71/s SQLite, 145/s PostgreSQL at 10k (${(r.ingest.entitiesPerSecond / bs.ingestRatePg).toFixed(0)}× PostgreSQL) |
| refresh, nothing changed, all ${r.repos} repositories | ${r.refreshUnchanged.seconds} s | < 10 s (${ok(r.refreshUnchanged.seconds, 10)}) | re-processes everything every 100–150 s |
| by-query kind + spec.type, limit 20 | p50 ${byQuery.p50} ms, **p95 ${byQuery.p95} ms**, ${byQuery.rps} req/s | p95 < 25 ms (${ok(byQuery.p95, 25)}) | p50 353 ms SQLite, 75 ms PostgreSQL at only 10k |
| by-name | p50 ${byName.p50} ms, **p95 ${byName.p95} ms**, ${byName.rps} req/s | p95 < 10 ms (${ok(byName.p95, 10)}) | p50 7 ms PostgreSQL at 10k |
| entity-facets, four facets | p50 ${facets.p50} ms, **p95 ${facets.p95} ms**, ${facets.rps} req/s | p95 < 50 ms (${ok(facets.p95, 50)}) | p50 13 ms PostgreSQL, one facet at 10k |
| backend resident memory after ingest / after load | ${r.ingest.rssMb} MB / ${r.rssAfterLoadMb} MB | < 500 MB (${ok(r.rssAfterLoadMb, 500)}) | 700 MB PostgreSQL at 10k |
| catalog page in Chromium, first rows | median ${r.catalogPageFirstRowsMs.median} ms (${r.catalogPageFirstRowsMs.runs.join(', ')}) | < 1,500 ms (${ok(r.catalogPageFirstRowsMs.median, 1500)}) | seconds at tens of thousands |

Counts and facets are cached in the backend until the catalog changes (a
write by this process, or on PostgreSQL by any replica). The repeated
queries above hit that cache after their first request.
These are the same queries with a different filter on every request, so no
cached aggregate helps:

| uncached | p50 | p95 | p99 | req/s |
| --- | --- | --- | --- | --- |
${r.loadUncached.map((l) => `| ${l.name} | ${l.p50} ms | ${l.p95} ms | ${l.p99} ms | ${l.rps} |`).join('\n')}

Where the ingest time goes, and what was changed to cut it, is in
docs/catalog.md (Performance). \`npm run bench -- catalog --ingest-only
--profile\` records a CPU profile of the backend under .bench/profiles/.

All load runs:

| query | requests | errors | p50 | p95 | p99 | req/s |
| --- | --- | --- | --- | --- | --- | --- |
${[...r.load, ...r.loadUncached].map((l) => `| ${l.name} | ${l.requests} | ${l.errors} | ${l.p50} ms | ${l.p95} ms | ${l.p99} ms | ${l.rps} |`).join('\n')}
`;
}
