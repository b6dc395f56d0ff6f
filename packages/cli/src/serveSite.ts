import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildStaticSite, type BuildResult, type RenderCache } from './buildStaticSite.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

const RELOAD_SCRIPT = `<script>new EventSource('/__callboard_reload').onmessage = () => location.reload();</script>`;

/**
 * Previews a docs folder: builds it into a temporary folder, serves that on
 * localhost, and rebuilds on save (only the pages whose sources changed),
 * telling open pages to reload.
 */
export async function serveSite(options: { dir: string; port: number; host: string; log: (line: string) => void }): Promise<{ close(): Promise<void>; url: string }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-docs-'));
  const cache: RenderCache = new Map();
  const clients = new Set<http.ServerResponse>();
  const build = async (): Promise<BuildResult | undefined> => {
    const started = performance.now();
    try {
      const result = await buildStaticSite({ dir: options.dir, outDir, cache, tail: RELOAD_SCRIPT });
      options.log(`Built ${result.pages} pages (${result.rendered} rendered) in ${Math.round(performance.now() - started)} ms${result.warnings.length ? `, ${result.warnings.length} warnings` : ''}`);
      for (const w of result.warnings) options.log(`  warning: ${w.page ? `${w.page}: ` : ''}${w.message}`);
      return result;
    } catch (error) {
      options.log(`Build failed: ${(error as Error).message}`);
      return undefined;
    }
  };
  await build();

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/__callboard_reload') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end('Bad path');
      return;
    }
    let file = path.resolve(outDir, `.${pathname}`);
    if (file !== outDir && !file.startsWith(`${outDir}${path.sep}`)) {
      response.writeHead(403).end('Outside the site');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (error, bytes) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`No page at ${pathname}`);
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(bytes);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as { port: number };
  const url = `http://${options.host}:${address.port}/`;

  // Saves come in bursts (editors write twice, formatters run): rebuild once they settle.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher = fs.watch(path.resolve(options.dir), { recursive: true }, (_event, name) => {
    if (name && (String(name).startsWith('.git') || String(name).includes(`${path.sep}.git${path.sep}`))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      timer = undefined;
      const result = await build();
      if (result) for (const client of clients) client.write('data: reload\n\n');
    }, 150);
  });

  return {
    url,
    async close() {
      watcher.close();
      if (timer) clearTimeout(timer);
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}
