// TechDocs at the size of a large real site: a generated 300-page site is
// rendered from a cold cache through the backend, one page is changed and the
// rebuild counted, and a cached page is loaded with wrk (fetch when wrk is
// missing). `npm run bench -- techdocs [--pages 300]`.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale } from '../buildIfStale.mjs';
import { hasWrk, machine, median, percentile, repoRoot, runWrk, waitReady, writeReport } from './_util.mjs';

const PORT = 7098;
const BASE = `http://127.0.0.1:${PORT}`;
const ENTITY = 'default/component/bench-docs';

function arg(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
}

const WORDS = 'parcel depot route driver scan status customer partner van label window delivery warehouse'.split(' ');
function sentence(seed, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += `${WORDS[(seed * 7 + i * 3) % WORDS.length]} `;
  return `${s.charAt(0).toUpperCase()}${s.slice(1).trim()}.`;
}

/** A page of realistic size and mix: prose, code, a table, an admonition, links and an image. */
function pageText(section, page, sections, perSection) {
  const next = `../section-${String((section + 1) % sections).padStart(2, '0')}/page-${String((page + 3) % perSection).padStart(2, '0')}.md`;
  const sibling = `page-${String((page + 1) % perSection).padStart(2, '0')}.md`;
  const paragraphs = Array.from({ length: 6 }, (_, i) => `${sentence(section * 31 + page * 7 + i, 14)} ${sentence(page + i, 12)} See [the next page](${sibling}) or [another section](${next}#usage).`);
  return `# Section ${section} page ${page}

${paragraphs[0]}

## Overview

${paragraphs[1]}

!!! note "Before you start"
    ${sentence(page, 16)}

## Usage

${paragraphs[2]}

\`\`\`typescript
export async function track(id: string): Promise<Status> {
  const parcel = await parcels.get(id);
  if (!parcel) throw new NotFoundError(\`no parcel \${id}\`);
  return resolve(parcel.scans.filter((s) => s.valid));
}
\`\`\`

### Options

| Option | Default | Meaning |
| --- | --- | --- |
| \`retries\` | 3 | ${sentence(page + 1, 6)} |
| \`timeout\` | 30 s | ${sentence(page + 2, 6)} |
| \`region\` | eu | ${sentence(page + 3, 6)} |

${paragraphs[3]}

![Flow](../images/flow.png)

## Troubleshooting

${paragraphs[4]}

- [x] ${sentence(page + 4, 5)}
- [ ] ${sentence(page + 5, 5)}

${paragraphs[5]}
`;
}

function git(args, cwd) {
  execFileSync('git', args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

function generateSite(dir, pages) {
  fs.rmSync(dir, { recursive: true, force: true });
  const perSection = 20;
  const sections = Math.ceil(pages / perSection);
  const nav = ['  - Home: index.md'];
  fs.mkdirSync(path.join(dir, 'docs/images'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'docs/images/flow.png'), Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082', 'hex'));
  fs.writeFileSync(path.join(dir, 'docs/index.md'), '# Bench docs\n\nA generated site for the TechDocs benchmark.\n');
  let written = 1;
  for (let s = 0; s < sections && written < pages; s++) {
    const folder = `section-${String(s).padStart(2, '0')}`;
    fs.mkdirSync(path.join(dir, 'docs', folder), { recursive: true });
    nav.push(`  - Section ${s}:`);
    for (let p = 0; p < perSection && written < pages; p++, written++) {
      const file = `${folder}/page-${String(p).padStart(2, '0')}.md`;
      fs.writeFileSync(path.join(dir, 'docs', file), pageText(s, p, sections, perSection));
      nav.push(`      - Page ${p}: ${file}`);
    }
  }
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), `site_name: Bench docs\nrepo_url: https://github.com/acme/bench-docs\nnav:\n${nav.join('\n')}\n`);
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bench-docs\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: bench\n',
  );
  git(['init', '--quiet', '--initial-branch', 'main'], dir);
  git(['add', '--all'], dir);
  git(['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'docs'], dir);
  return written;
}

async function getJson(url, init) {
  const response = await fetch(`${BASE}${url}`, init);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function loadCachedPages(paths, seconds) {
  if (hasWrk()) {
    const r = runWrk(BASE, paths, { threads: 1, connections: 4, seconds });
    return { client: 'wrk, 1 thread, 4 connections', requests: r.requests, errors: r.errors, rps: r.rps, p50: +r.p50.toFixed(2), p95: +r.p95.toFixed(2), p99: +r.p99.toFixed(2) };
  }
  const latencies = [];
  const until = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < until; i++) {
    const started = performance.now();
    const response = await fetch(`${BASE}${paths[i % paths.length]}`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return { client: 'fetch, sequential', requests: latencies.length, errors: 0, rps: Math.round(latencies.length / seconds), p50: +median(latencies).toFixed(2), p95: +percentile(latencies, 95).toFixed(2), p99: +percentile(latencies, 99).toFixed(2) };
}

export async function run(args) {
  const wanted = arg(args, 'pages', 300);
  buildIfStale();
  const work = path.join(repoRoot, '.bench', 'techdocs');
  const site = path.join(work, 'site');
  const pages = generateSite(site, wanted);
  console.log(`Generated a ${pages}-page site in ${site}`);
  const dataDir = path.join(work, 'data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const config = path.join(work, 'bench-config.yaml');
  fs.writeFileSync(
    config,
    `backend:\n  listen:\n    host: 127.0.0.1\n    port: ${PORT}\n  logLevel: warn\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${dataDir}\ncatalog:\n  refresh:\n    intervalSeconds: 86400\n  locations:\n    - type: file\n      target: ${path.join(site, 'catalog-info.yaml')}\ntechdocs:\n  refreshIntervalSeconds: 86400\n# Search would render every page in the background at start-up; the cold figure must be cold.\nsearch:\n  collateAtStartup: false\n`,
  );
  const child = spawn(process.execPath, [path.join(repoRoot, 'packages/backend/dist/main.mjs'), '--config', config], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitReady(BASE, child, 60_000);
    // Cold: nothing scanned, nothing rendered. The warnings endpoint scans the
    // site and renders every page, the work a first full read (or a search collation) does.
    let started = performance.now();
    const site0 = await getJson(`/api/techdocs/sites/${ENTITY}`);
    const scanMs = performance.now() - started;
    const cold = await getJson(`/api/techdocs/sites/${ENTITY}/warnings`);
    const coldMs = performance.now() - started;
    console.log(`Cold: scan ${scanMs.toFixed(0)} ms, scan + render of ${cold.rendered} pages ${coldMs.toFixed(0)} ms, ${cold.warnings.length} warnings`);
    if (cold.rendered !== site0.pageCount) throw new Error(`expected ${site0.pageCount} renders, got ${cold.rendered}`);

    // Warm: everything cached, nothing renders.
    started = performance.now();
    const warm = await getJson(`/api/techdocs/sites/${ENTITY}/warnings`);
    const warmMs = performance.now() - started;
    console.log(`Warm: every page from the cache in ${warmMs.toFixed(0)} ms, ${warm.rendered} rendered`);

    // One page changes: the check finds it, and only it renders again.
    const changed = path.join(site, 'docs/section-03/page-07.md');
    fs.appendFileSync(changed, '\n## Added later\n\nOne more paragraph.\n');
    started = performance.now();
    const refresh = await getJson(`/api/techdocs/sites/${ENTITY}/refresh`, { method: 'POST' });
    const checkMs = performance.now() - started;
    const after = await getJson(`/api/techdocs/sites/${ENTITY}/warnings`);
    const rebuildMs = performance.now() - started;
    console.log(`One page changed: check ${checkMs.toFixed(0)} ms found ${JSON.stringify(refresh.changedPages)}, rebuild ${rebuildMs.toFixed(0)} ms rendered ${after.rendered} page(s)`);

    // A cached page under load.
    const routes = [];
    for (let s = 0; s < 15; s++) for (let p = 0; p < 20; p++) routes.push(`section-${String(s).padStart(2, '0')}/page-${String(p).padStart(2, '0')}`);
    const paths = routes.slice(0, pages - 1).map((r) => `/api/techdocs/sites/${ENTITY}/page?route=${encodeURIComponent(r)}`);
    const single = await loadCachedPages([paths[0]], 10);
    console.log(`One cached page: p50 ${single.p50} ms, p95 ${single.p95} ms, p99 ${single.p99} ms, ${single.rps} req/s (${single.client})`);
    const spread = await loadCachedPages(paths, 10);
    console.log(`All ${paths.length} cached pages in turn: p50 ${spread.p50} ms, p95 ${spread.p95} ms, p99 ${spread.p99} ms, ${spread.rps} req/s (${spread.client})`);
    const bytes = (await (await fetch(`${BASE}${paths[0]}`)).arrayBuffer()).byteLength;

    const data = {
      date: new Date().toISOString(),
      machine: `${machine()}, ${os.cpus().length} cores`,
      pages,
      coldMs: Math.round(coldMs),
      scanMs: Math.round(scanMs),
      coldRendered: cold.rendered,
      warmMs: Math.round(warmMs),
      warmRendered: warm.rendered,
      changed: { checkMs: Math.round(checkMs), rebuildMs: Math.round(rebuildMs), changedPages: refresh.changedPages, rendered: after.rendered },
      cachedPage: { ...single, bytes },
      cachedPages: spread,
      targets: { coldMs: 5000, cachedP95Ms: 20 },
    };
    const ok = (v) => (v ? 'met' : '**not met**');
    const md = `# TechDocs benchmark

${data.date} · ${data.machine} · \`npm run bench -- techdocs\` (scripts/bench/techdocs.mjs)

A generated ${pages}-page MkDocs site (nested nav, each page ~4 KB of Markdown with a
TypeScript block, a table, an admonition, links between pages and an image) is served by
the built backend on SQLite, read through a \`file\` catalog location.

| measure | result | target |
| --- | --- | --- |
| cold cache: scan + render all ${pages} pages (GET …/warnings) | ${data.coldMs} ms (scan alone ${data.scanMs} ms) | < 5,000 ms: ${ok(data.coldMs < 5000)} |
| warm: all pages again from the cache | ${data.warmMs} ms, ${data.warmRendered} rendered | |
| one page changed: check (POST …/refresh) | ${data.changed.checkMs} ms, changed: ${data.changed.changedPages.join(', ')} | |
| one page changed: check + full re-read | ${data.changed.rebuildMs} ms, **${data.changed.rendered} page rendered** | only that page: ${ok(data.changed.rendered === 1)} |
| one cached page (${bytes} bytes of JSON), ${single.client} | p50 ${single.p50} ms, p95 ${single.p95} ms, p99 ${single.p99} ms, ${single.rps} req/s, ${single.errors} errors | p95 < 20 ms: ${ok(single.p95 < 20)} |
| all cached pages in turn, ${spread.client} | p50 ${spread.p50} ms, p95 ${spread.p95} ms, p99 ${spread.p99} ms, ${spread.rps} req/s, ${spread.errors} errors | p95 < 20 ms: ${ok(spread.p95 < 20)} |

The site reports ${cold.warnings.length} build warnings: links to \`section-14/page-19.md\`, the one page
the generator leaves out so the site has exactly ${pages} pages with its index.

The cold figure is the whole site through the HTTP API in one request: the scan reads and
hashes every source file and asks Git for last-updated times, then each page is rendered
(marked, highlight.js, sanitize-html) and written to the cache table. A page viewed in the
app costs one render the first time and a memory or database read afterwards. After the
change, the refresh compares content hashes per file, so only the changed page's cache
key differs; the re-read of all pages renders that one and reads the rest from the cache.
`;
    writeReport('techdocs', md, data);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
