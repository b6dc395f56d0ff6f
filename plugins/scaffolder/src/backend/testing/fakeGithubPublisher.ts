import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { handleGitHttp } from './serveGitSmartHttp.ts';

export interface FakeGithubPublisher {
  url: string;
  apiBaseUrl: string;
  host: string;
  /** Folder of bare repositories, `<owner>/<repo>.git`. */
  root: string;
  requests: { method: string; path: string; body?: unknown }[];
  stop(): Promise<void>;
}

/**
 * Just enough of GitHub's REST API and git hosting to publish to: look up an
 * owner, create a repository (org or user), replace topics, and accept a push
 * over smart HTTP. Every request needs the token, as on GitHub.
 */
export async function startFakeGithubPublisher(options: { token: string; orgs: string[]; user: string }): Promise<FakeGithubPublisher> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-fake-github-'));
  const requests: FakeGithubPublisher['requests'] = [];
  let origin = '';
  const basic = `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`;

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const readBody = (req: http.IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => resolve(text ? JSON.parse(text) : undefined));
    });

  const createRepo = (owner: string, name: string, res: http.ServerResponse) => {
    const dir = path.join(root, owner, `${name}.git`);
    if (fs.existsSync(dir)) return json(res, 422, { message: 'Repository creation failed.', errors: [{ message: 'name already exists on this account' }] });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('git', ['init', '--bare', '--quiet', dir]);
    return json(res, 201, {
      name,
      full_name: `${owner}/${name}`,
      html_url: `${origin}/${owner}/${name}`,
      clone_url: `${origin}/${owner}/${name}.git`,
    });
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const pathname = decodeURIComponent(url.pathname);
      if (pathname.includes('.git/')) {
        requests.push({ method: req.method ?? 'GET', path: pathname });
        if (req.headers.authorization !== basic) {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end();
          return;
        }
        handleGitHttp(root, req, res, pathname);
        return;
      }
      const body = req.method === 'GET' ? undefined : await readBody(req);
      requests.push({ method: req.method ?? 'GET', path: pathname, ...(body === undefined ? {} : { body }) });
      if (req.headers.authorization !== `token ${options.token}` && req.headers.authorization !== `Bearer ${options.token}`) {
        return json(res, 401, { message: 'Bad credentials' });
      }
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && (m = /^\/api\/v3\/users\/([^/]+)$/.exec(pathname))) {
        const login = m[1] ?? '';
        if (options.orgs.includes(login)) return json(res, 200, { login, type: 'Organization' });
        if (login === options.user) return json(res, 200, { login, type: 'User' });
        return json(res, 404, { message: 'Not Found' });
      }
      if (req.method === 'GET' && pathname === '/api/v3/user') return json(res, 200, { login: options.user, type: 'User' });
      if (req.method === 'POST' && (m = /^\/api\/v3\/orgs\/([^/]+)\/repos$/.exec(pathname))) {
        return createRepo(m[1] ?? '', String((body as { name?: string }).name), res);
      }
      if (req.method === 'POST' && pathname === '/api/v3/user/repos') {
        return createRepo(options.user, String((body as { name?: string }).name), res);
      }
      if (req.method === 'PUT' && /^\/api\/v3\/repos\/[^/]+\/[^/]+\/topics$/.test(pathname)) {
        return json(res, 200, body);
      }
      return json(res, 404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    apiBaseUrl: `${origin}/api/v3`,
    host: `127.0.0.1:${port}`,
    root,
    requests,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
