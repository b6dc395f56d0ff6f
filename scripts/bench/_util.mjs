import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function writeReport(name, markdown, data) {
  const dir = path.join(repoRoot, 'bench-reports');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.md`), markdown);
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\nReport written to bench-reports/${name}.md`);
}

export { CHROMIUM_ARGS, chromiumPath } from '../chromium.mjs';

export function machine() {
  return `${process.platform} ${process.arch}, Node ${process.version}`;
}

/** Polls GET /readyz of a spawned backend every 100 ms; fails early if it exits. */
export async function waitReady(base, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the backend exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backend did not become ready in time');
}

/**
 * Whether wrk (Debian's package) is installed. A C client in its own process
 * costs far less CPU than fetch in the benchmark's, so on two cores the
 * figures measure the server rather than the client.
 */
export function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk prints its version and exits 1.
    return error.status === 1;
  }
}

/**
 * GETs the paths in turn from wrk for `seconds`; latencies in ms. wrk
 * corrects for coordinated omission: one stall stands for every request
 * that would have been sent during it.
 */
export function runWrk(base, paths, { threads, connections, seconds }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-wrk-'));
  try {
    fs.writeFileSync(path.join(dir, 'paths.txt'), paths.join('\n'));
    fs.writeFileSync(
      path.join(dir, 'load.lua'),
      `local paths = {}
for line in io.lines("${path.join(dir, 'paths.txt')}") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %d\\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.duration))
end
`,
    );
    const out = execFileSync('wrk', ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '-s', path.join(dir, 'load.lua'), base], { encoding: 'utf8' });
    const m = /RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(out);
    if (!m) throw new Error(`wrk gave no result:\n${out}`);
    return {
      requests: Number(m[1]),
      errors: Number(m[2]),
      rps: Math.round(Number(m[1]) / (Number(m[6]) / 1e6)),
      p50: Number(m[3]),
      p95: Number(m[4]),
      p99: Number(m[5]),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
