import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGithubRepo {
  defaultBranch?: string;
  /** Path in the repository → its content (a Buffer for binary files). Only the default branch exists. */
  files: Record<string, string | Buffer>;
  archived?: boolean;
}

export interface FakeGithubOptions {
  /** Keyed by 'owner/name'. */
  repos: Record<string, FakeGithubRepo>;
  /** When set, every request must carry it (`token <t>` or `Bearer <t>`), else 401. */
  token?: string;
  /** Owners that are users rather than organisations: /orgs/<user>/repos answers 404 for them. */
  users?: string[];
}

export interface FakeGithub {
  /** The web origin, like https://github.com; repositories' html_url start here. */
  url: string;
  /** What octokit's baseUrl should be, like https://api.github.com (GitHub Enterprise style: <url>/api/v3). */
  apiBaseUrl: string;
  /** The host to list under integrations.github, e.g. '127.0.0.1:41234'. */
  host: string;
  /** Every request received, in order; `path` as sent, query included. */
  requests: { method: string; path: string }[];
  /** Creates or changes a file (creating the repository if needed); undefined deletes it. */
  setFile(repo: string, path: string, content: string | Buffer | undefined): void;
  stop(): Promise<void>;
}

const API_PREFIX = '/api/v3';
const DOCS = 'https://docs.github.com/rest';

interface RepoState {
  owner: string;
  name: string;
  defaultBranch: string;
  archived: boolean;
  files: Map<string, Buffer>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function notFound(res: http.ServerResponse, message = 'Not Found'): void {
  sendJson(res, 404, { message, documentation_url: DOCS, status: '404' });
}

function etagOf(kind: 'raw' | 'json', content: Buffer): string {
  return `W/"${createHash('sha1').update(`${kind}:`).update(content).digest('hex')}"`;
}

/** If-None-Match may list several tags and mix weak and strong forms. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/**
 * A small GitHub REST API on 127.0.0.1 speaking the shapes octokit reads:
 * repositories, file contents (raw and JSON), and paginated repository lists.
 */
export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const repos = new Map<string, RepoState>();
  const users = new Set((options.users ?? []).map((u) => u.toLowerCase()));
  const requests: FakeGithub['requests'] = [];

  const repoState = (fullName: string): RepoState => {
    const key = fullName.toLowerCase();
    let state = repos.get(key);
    if (!state) {
      const [owner, name] = fullName.split('/');
      if (!owner || !name) throw new Error(`Fake GitHub repositories are named 'owner/name', not '${fullName}'`);
      state = { owner, name, defaultBranch: 'main', archived: false, files: new Map() };
      repos.set(key, state);
    }
    return state;
  };
  for (const [fullName, repo] of Object.entries(options.repos)) {
    const state = repoState(fullName);
    state.defaultBranch = repo.defaultBranch ?? 'main';
    state.archived = repo.archived ?? false;
    for (const [path, content] of Object.entries(repo.files)) state.files.set(path.replace(/^\/+/, ''), Buffer.from(content));
  }

  let origin = '';
  const apiBase = () => `${origin}${API_PREFIX}`;

  const repoJson = (repo: RepoState) => {
    const fullName = `${repo.owner}/${repo.name}`;
    return {
      id: Number.parseInt(createHash('sha1').update(fullName).digest('hex').slice(0, 8), 16),
      node_id: Buffer.from(`R_${fullName}`).toString('base64'),
      name: repo.name,
      full_name: fullName,
      private: false,
      owner: { login: repo.owner, type: users.has(repo.owner.toLowerCase()) ? 'User' : 'Organization' },
      html_url: `${origin}/${fullName}`,
      url: `${apiBase()}/repos/${fullName}`,
      default_branch: repo.defaultBranch,
      archived: repo.archived,
      disabled: false,
      fork: false,
      visibility: 'public',
    };
  };

  const handleContents = (req: http.IncomingMessage, res: http.ServerResponse, repo: RepoState, rawPath: string, query: URLSearchParams) => {
    const ref = query.get('ref') ?? repo.defaultBranch;
    if (ref !== repo.defaultBranch) {
      notFound(res, `No commit found for the ref ${ref}`);
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(rawPath).replace(/^\/+|\/+$/g, '');
    } catch {
      notFound(res);
      return;
    }
    const accept = String(req.headers.accept ?? '');
    const raw = /application\/vnd\.github(\.v3)?\.raw(\+json)?/.test(accept);
    const content = repo.files.get(path);
    if (content === undefined) {
      const prefix = path ? `${path}/` : '';
      const children = new Map<string, 'file' | 'dir'>();
      for (const file of repo.files.keys()) {
        if (!file.startsWith(prefix)) continue;
        const [first, ...more] = file.slice(prefix.length).split('/');
        children.set(first!, more.length > 0 ? 'dir' : 'file');
      }
      if (children.size === 0) {
        notFound(res);
        return;
      }
      // Directories answer with a JSON listing whatever media type was asked for.
      sendJson(
        res,
        200,
        [...children].map(([name, type]) => ({ type, name, path: `${prefix}${name}` })),
      );
      return;
    }
    const etag = etagOf(raw ? 'raw' : 'json', content);
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    if (raw) {
      const body = content;
      res.writeHead(200, {
        'content-type': 'application/vnd.github.raw; charset=utf-8',
        'content-length': String(body.byteLength),
        etag,
      });
      res.end(body);
      return;
    }
    const fullName = `${repo.owner}/${repo.name}`;
    sendJson(
      res,
      200,
      {
        type: 'file',
        encoding: 'base64',
        size: content.byteLength,
        name: path.split('/').pop(),
        path,
        content: content.toString('base64'),
        sha: createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex'),
        html_url: `${origin}/${fullName}/blob/${repo.defaultBranch}/${path}`,
        download_url: `${origin}/${fullName}/raw/${repo.defaultBranch}/${path}`,
      },
      { etag },
    );
  };

  const handleList = (res: http.ServerResponse, owner: string, pathname: string, query: URLSearchParams) => {
    const owned = [...repos.values()]
      .filter((r) => r.owner.toLowerCase() === owner.toLowerCase())
      .sort((a, b) => a.name.localeCompare(b.name));
    if (owned.length === 0) {
      notFound(res);
      return;
    }
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
    const lastPage = Math.max(Math.ceil(owned.length / perPage), 1);
    const pageUrl = (n: number) => {
      const next = new URLSearchParams(query);
      next.set('per_page', String(perPage));
      next.set('page', String(n));
      return `<${origin}${pathname}?${next.toString()}>`;
    };
    const links: string[] = [];
    if (page < lastPage) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(lastPage)}; rel="last"`);
    if (page > 1) links.push(`${pageUrl(page - 1)}; rel="prev"`, `${pageUrl(1)}; rel="first"`);
    sendJson(
      res,
      200,
      owned.slice((page - 1) * perPage, page * perPage).map(repoJson),
      links.length > 0 ? { link: links.join(', ') } : {},
    );
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      notFound(res);
      return;
    }
    if (options.token !== undefined) {
      const auth = req.headers.authorization;
      if (!auth) {
        sendJson(res, 401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' });
        return;
      }
      if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}` && auth !== `bearer ${options.token}`) {
        sendJson(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
        return;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      return;
    }
    const route = url.pathname.slice(API_PREFIX.length);
    let m: RegExpExecArray | null;
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/contents(?:\/(.*))?$/.exec(route))) {
      const repo = repos.get(`${m[1]}/${m[2]}`.toLowerCase());
      if (!repo) notFound(res);
      else handleContents(req, res, repo, m[3] ?? '', url.searchParams);
      return;
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/?$/.exec(route))) {
      const repo = repos.get(`${m[1]}/${m[2]}`.toLowerCase());
      if (!repo) notFound(res);
      else sendJson(res, 200, repoJson(repo));
      return;
    }
    if ((m = /^\/orgs\/([^/]+)\/repos\/?$/.exec(route))) {
      if (users.has(m[1]!.toLowerCase())) notFound(res);
      else handleList(res, m[1]!, url.pathname, url.searchParams);
      return;
    }
    if ((m = /^\/users\/([^/]+)\/repos\/?$/.exec(route))) {
      handleList(res, m[1]!, url.pathname, url.searchParams);
      return;
    }
    notFound(res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    apiBaseUrl: apiBase(),
    host: `127.0.0.1:${port}`,
    requests,
    setFile(repo, path, content) {
      const state = repoState(repo);
      const key = path.replace(/^\/+/, '');
      if (content === undefined) state.files.delete(key);
      else state.files.set(key, Buffer.from(content));
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
