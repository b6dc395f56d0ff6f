import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@callboard/common';
import { coreServices, createBackendPlugin, type GithubService, type UrlReaderService } from '@callboard/backend-plugin-api';
import { startFakeGithub, startTestBackend, type FakeGithub } from '@callboard/test-utils';
import { RootConfig } from '../config/RootConfig.ts';
import { UrlReader } from './UrlReader.ts';
import { githubBlobUrl } from './githubUrls.ts';

const TOKEN = 'ghp_test_token';
/** A 1×1 PNG: its signature starts with 0x89, which is not UTF-8, so a text read would change it. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8dfc0f01f000680027fcf1209f10000000049454e44ae426082',
  'hex',
);

function configOf(data: Record<string, unknown>): RootConfig {
  return RootConfig.from({ data, baseDir: process.cwd(), files: [] });
}

/** A plain web server for the allow-list cases: files, redirects, big and slow answers. */
async function startWebServer(handler: http.RequestListener): Promise<{ origin: string; host: string; stop(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let github: FakeGithub;
let web: Awaited<ReturnType<typeof startWebServer>>;
let reader: UrlReader;
const bytesSent = { big: 0 };

beforeAll(async () => {
  github = await startFakeGithub({
    token: TOKEN,
    repos: {
      'northwind/catalog': {
        files: {
          'catalog-info.yaml': 'kind: Component\n',
          'teams/platform.yaml': 'kind: Group\n',
          'docs/index.md': '# Docs\n',
          'docs/pixel.png': PNG,
        },
      },
    },
  });
  web = await startWebServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/catalog/ok.yaml') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'content-type': 'text/yaml' }).end('kind: System\n');
    } else if (url === '/catalog/pixel.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(PNG.byteLength), etag: '"png1"' }).end(PNG);
    } else if (url === '/catalog/moved-pixel.png') {
      res.writeHead(302, { location: '/catalog/pixel.png' }).end();
    } else if (url === '/catalog/moved.yaml') {
      res.writeHead(302, { location: '/catalog/ok.yaml' }).end();
    } else if (url === '/catalog/elsewhere.yaml') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (url === '/catalog/big.yaml') {
      // Chunked with no Content-Length, so only streaming can notice the size.
      res.writeHead(200, { 'content-type': 'text/yaml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.byteLength;
          bytesSent.big = sent;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    } else if (url === '/catalog/declared.yaml') {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024, 'b'));
    } else if (url === '/catalog/slow.yaml') {
      // Never answers; the reader's timeout must end the wait.
    } else if (url === '/catalog/secret.yaml') {
      res.writeHead(403).end('no');
    } else if (url === '/private/x.yaml') {
      res.writeHead(200).end('private');
    } else {
      res.writeHead(404).end('not here');
    }
  });
  reader = UrlReader.fromConfig(
    configOf({
      integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN }] },
      backend: { reading: { allow: [{ host: web.host, paths: ['/catalog/'], insecure: true }] } },
    }),
    { timeoutMs: 1500 },
  );
});

afterAll(async () => {
  await github?.stop();
  await web?.stop();
});

const blob = (path: string) => `${github.url}/northwind/catalog/blob/main/${path}`;

describe('UrlReader with GitHub', () => {
  it('reads a file through the contents API with the raw media type', async () => {
    const result = await reader.readUrl(blob('catalog-info.yaml'));
    expect(result).toMatchObject({ notModified: false, text: 'kind: Component\n' });
    expect(result.notModified === false && result.etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(github.requests.at(-1)).toEqual({
      method: 'GET',
      path: '/api/v3/repos/northwind/catalog/contents/catalog-info.yaml?ref=main',
    });
  });

  it('answers notModified for an unchanged etag, and the new text after a change', async () => {
    const first = await reader.readUrl(blob('teams/platform.yaml'));
    if (first.notModified) throw new Error('expected content');
    await expect(reader.readUrl(blob('teams/platform.yaml'), { etag: first.etag! })).resolves.toEqual({ notModified: true });
    github.setFile('northwind/catalog', 'teams/platform.yaml', 'kind: Group\nmetadata: {}\n');
    const changed = await reader.readUrl(blob('teams/platform.yaml'), { etag: first.etag! });
    expect(changed).toMatchObject({ notModified: false, text: 'kind: Group\nmetadata: {}\n' });
    expect(changed.notModified === false && changed.etag).not.toBe(first.etag);
  });

  it('throws NotFoundError naming the missing file', async () => {
    const error = await reader.readUrl(blob('missing.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain("File 'missing.yaml' in northwind/catalog at 'main' was not found");
    await expect(reader.readUrl(`${github.url}/northwind/nope/blob/main/a.yaml`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('explains a rejected or missing token with NotAllowedError', async () => {
    const integrations = (token?: string) =>
      configOf({ integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, ...(token ? { token } : {}) }] } });
    const wrong = UrlReader.fromConfig(integrations('ghp_wrong'));
    const wrongError = await wrong.readUrl(blob('catalog-info.yaml')).catch((e: unknown) => e);
    expect(wrongError).toBeInstanceOf(NotAllowedError);
    expect((wrongError as Error).message).toMatch(/rejected the token configured for it in integrations\.github \(401 Bad credentials\)/);

    const none = UrlReader.fromConfig(integrations());
    const noneError = await none.readUrl(blob('catalog-info.yaml')).catch((e: unknown) => e);
    expect(noneError).toBeInstanceOf(NotAllowedError);
    expect((noneError as Error).message).toContain(`set integrations.github[].token for host '${github.host}'`);
  });

  it('refuses a directory and a URL that names no file', async () => {
    await expect(reader.readUrl(blob('teams'))).rejects.toThrow(/names a directory, not a file/);
    await expect(reader.readUrl(`${github.url}/northwind/catalog`)).rejects.toBeInstanceOf(InputError);
    await expect(reader.readUrl(`${github.url}/northwind/catalog/blob/main/a/%2E%2E/%2E%2E/x`)).rejects.toBeInstanceOf(InputError);
  });

  it('resolves relative paths inside the repository and refuses to leave it', () => {
    const base = blob('teams/platform.yaml');
    expect(reader.resolve(base, './backend.yaml')).toBe(blob('teams/backend.yaml'));
    expect(reader.resolve(base, '../docs/index.md')).toBe(blob('docs/index.md'));
    expect(reader.resolve(base, '/catalog-info.yaml')).toBe(blob('catalog-info.yaml'));
    expect(reader.resolve(base, 'with space.yaml')).toBe(blob('teams/with%20space.yaml'));
    expect(() => reader.resolve(base, '../../other-repo/blob/main/x.yaml')).toThrow(NotAllowedError);
    expect(() => reader.resolve(base, '../../other-repo/blob/main/x.yaml')).toThrow(/leaves the repository northwind\/catalog/);
    expect(() => reader.resolve(base, '%2e%2e/%2e%2e/x.yaml')).toThrow(NotAllowedError);
    // An absolute URL is returned as it is; reading it is checked like any other.
    expect(reader.resolve(base, 'https://example.com/x.yaml')).toBe('https://example.com/x.yaml');
    expect(reader.resolve(`${web.origin}/catalog/a/b.yaml`, '../c.yaml')).toBe(`${web.origin}/catalog/c.yaml`);
  });

  it('keeps a ref with a slash in one URL segment', async () => {
    const url = githubBlobUrl({ htmlUrl: `${github.url}/northwind/catalog`, defaultBranch: 'feature/x' }, 'a b/c.yaml');
    expect(url).toBe(`${github.url}/northwind/catalog/blob/feature%2Fx/a%20b/c.yaml`);
    expect(reader.resolve(url, '../d.yaml')).toBe(`${github.url}/northwind/catalog/blob/feature%2Fx/d.yaml`);
  });

  it('limits the size of a GitHub file too', async () => {
    github.setFile('northwind/catalog', 'huge.yaml', 'x'.repeat(3000));
    await expect(reader.readUrl(blob('huge.yaml'), { maxBytes: 1000 })).rejects.toThrow(/is too large to read: it is over the limit of 1000 bytes/);
  });
});

describe('UrlReader allow list', () => {
  it('reads an allowed host with etags', async () => {
    const result = await reader.readUrl(`${web.origin}/catalog/ok.yaml`);
    expect(result).toEqual({ notModified: false, text: 'kind: System\n', etag: '"v1"' });
    await expect(reader.readUrl(`${web.origin}/catalog/ok.yaml`, { etag: '"v1"' })).resolves.toEqual({ notModified: true });
  });

  it('refuses a host that is not configured, with the exact reason', async () => {
    const error = await reader.readUrl('https://internal.example.com/catalog-info.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toBe(
      "Reading https://internal.example.com/catalog-info.yaml is not allowed: host 'internal.example.com' is not in backend.reading.allow or integrations.github",
    );
    expect(reader.isAllowed('https://internal.example.com/x')).toBe(false);
  });

  it('refuses IP literals and localhost unless listed', async () => {
    for (const url of [
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/catalog-info.yaml',
      'https://[::1]/x.yaml',
      'https://2130706433/x.yaml',
      'https://localhost/x.yaml',
      `http://127.0.0.1:1/catalog/x.yaml`,
    ]) {
      expect(reader.isAllowed(url), url).toBe(false);
      await expect(reader.readUrl(url), url).rejects.toThrow(/IP addresses and localhost are read only when listed there explicitly/);
    }
  });

  it('refuses other schemes, credentials, paths outside the allowed ones, and http without insecure', async () => {
    await expect(reader.readUrl('file:///etc/passwd')).rejects.toThrow(/only https URLs can be read, not file/);
    await expect(reader.readUrl(`http://user:pw@${web.host}/catalog/ok.yaml`)).rejects.toThrow(/credentials in the URL/);
    await expect(reader.readUrl(`${web.origin}/private/x.yaml`)).rejects.toThrow(/its path is outside the paths allowed/);
    await expect(reader.readUrl(`${web.origin}/catalog/../private/x.yaml`)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(reader.readUrl(`${web.origin}/catalogue/x.yaml`)).rejects.toBeInstanceOf(NotAllowedError);
    const strict = UrlReader.fromConfig(configOf({ backend: { reading: { allow: [{ host: web.host }] } } }));
    await expect(strict.readUrl(`${web.origin}/catalog/ok.yaml`)).rejects.toThrow(/http needs 'insecure: true'/);
    await expect(reader.readUrl('not a url')).rejects.toBeInstanceOf(InputError);
  });

  it('follows a redirect within the allow list and refuses one that leaves it', async () => {
    await expect(reader.readUrl(`${web.origin}/catalog/moved.yaml`)).resolves.toMatchObject({ text: 'kind: System\n' });
    const error = await reader.readUrl(`${web.origin}/catalog/elsewhere.yaml`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toBe(
      `Reading ${web.origin}/catalog/elsewhere.yaml is not allowed: it redirects to http://169.254.169.254/latest/meta-data/, and host '169.254.169.254' is not in backend.reading.allow or integrations.github. IP addresses and localhost are read only when listed there explicitly`,
    );
  });

  it('stops reading a body once it passes maxBytes', async () => {
    const error = await reader.readUrl(`${web.origin}/catalog/big.yaml`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${web.origin}/catalog/big.yaml is too large to read: it is over the limit of 1 MB. Split the file, or read it with a higher maxBytes.`,
    );
    // The server was cut off long before its 8 MB were sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bytesSent.big).toBeLessThan(8 * 1024 * 1024);
    await expect(reader.readUrl(`${web.origin}/catalog/declared.yaml`)).rejects.toThrow(/over the limit of 1 MB/);
    await expect(reader.readUrl(`${web.origin}/catalog/ok.yaml`, { maxBytes: 4 })).rejects.toThrow(/over the limit of 4 bytes/);
  });

  it('maps refusals, missing files and timeouts', async () => {
    await expect(reader.readUrl(`${web.origin}/catalog/secret.yaml`)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(reader.readUrl(`${web.origin}/catalog/none.yaml`)).rejects.toBeInstanceOf(NotFoundError);
    const slow = await reader.readUrl(`${web.origin}/catalog/slow.yaml`).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(ServiceUnavailableError);
    expect((slow as Error).message).toMatch(/timed out after 1\.5 s/);
  });

  it("rethrows the caller's abort as it is", async () => {
    const controller = new AbortController();
    const pending = reader.readUrl(`${web.origin}/catalog/slow.yaml`, { signal: controller.signal });
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
  });
});

describe('UrlReader reading bytes', () => {
  it('returns a PNG from an allowed host exactly as sent, through redirects, with its etag', async () => {
    const result = await reader.readUrlBytes(`${web.origin}/catalog/pixel.png`);
    if (result.notModified) throw new Error('expected content');
    expect(result.bytes.equals(PNG)).toBe(true);
    expect(result.etag).toBe('"png1"');
    const moved = await reader.readUrlBytes(`${web.origin}/catalog/moved-pixel.png`);
    expect(moved.notModified === false && moved.bytes.equals(PNG)).toBe(true);
    // The text read of the same file is lossy: that is why bytes have their own method.
    const asText = await reader.readUrl(`${web.origin}/catalog/pixel.png`);
    expect(asText.notModified === false && Buffer.from(asText.text, 'utf8').equals(PNG)).toBe(false);
  });

  it('returns a PNG from GitHub exactly as stored, and answers notModified for its etag', async () => {
    const result = await reader.readUrlBytes(blob('docs/pixel.png'));
    if (result.notModified) throw new Error('expected content');
    expect(result.bytes.equals(PNG)).toBe(true);
    await expect(reader.readUrlBytes(blob('docs/pixel.png'), { etag: result.etag! })).resolves.toEqual({ notModified: true });
  });

  it('keeps the size limit and the allow list', async () => {
    await expect(reader.readUrlBytes(`${web.origin}/catalog/pixel.png`, { maxBytes: 10 })).rejects.toThrow(/over the limit of 10 bytes/);
    await expect(reader.readUrlBytes(blob('docs/pixel.png'), { maxBytes: 10 })).rejects.toThrow(/over the limit of 10 bytes/);
    await expect(reader.readUrlBytes(`${web.origin}/catalog/big.yaml`)).rejects.toThrow(/over the limit of 1 MB/);
    await expect(reader.readUrlBytes(`${web.origin}/private/x.yaml`)).rejects.toThrow(/its path is outside the paths allowed/);
    await expect(reader.readUrlBytes('http://127.0.0.1:1/catalog/x.png')).rejects.toBeInstanceOf(NotAllowedError);
    await expect(reader.readUrlBytes(`${web.origin}/catalog/elsewhere.yaml`)).rejects.toThrow(/redirects to http:\/\/169\.254\.169\.254/);
  });
});

describe('reading config', () => {
  it('rejects http to a non-loopback GitHub API and insecure for a real host', () => {
    expect(() =>
      UrlReader.fromConfig(configOf({ integrations: { github: [{ host: 'ghe.example.com', apiBaseUrl: 'http://ghe.example.com/api/v3' }] } })),
    ).toThrow('Invalid configuration: integrations.github[0].apiBaseUrl: must use https; http is accepted only for a test server on a loopback address');
    expect(() =>
      UrlReader.fromConfig(configOf({ backend: { reading: { allow: [{ host: 'example.com', insecure: true }] } } })),
    ).toThrow(/backend\.reading\.allow\[0\]\.insecure: http is accepted only for a test server on a loopback address/);
    expect(() => UrlReader.fromConfig(configOf({ backend: { reading: { allow: [{ host: 'https://example.com/x' }] } } }))).toThrow(
      /backend\.reading\.allow\[0\]\.host: expected a host such as 'github.com'/,
    );
  });

  it('defaults to github.com through https://api.github.com and matches hosts exactly', () => {
    const plain = UrlReader.fromConfig(configOf({ integrations: { github: [{ host: 'GitHub.com' }] } }));
    expect(plain.isAllowed('https://github.com/org/repo/blob/main/catalog-info.yaml')).toBe(true);
    expect(plain.isAllowed('http://github.com/org/repo/blob/main/catalog-info.yaml')).toBe(false);
    expect(plain.isAllowed('https://github.com.evil.example/org/repo/blob/main/x.yaml')).toBe(false);
    expect(plain.isAllowed('https://github.com:8443/org/repo/blob/main/x.yaml')).toBe(false);
  });

  it('is provided to plugins as coreServices.urlReader, beside coreServices.github', async () => {
    let provided: UrlReaderService | undefined;
    let githubService: GithubService | undefined;
    const plugin = createBackendPlugin({
      id: 'reader-probe',
      deps: { urlReader: coreServices.urlReader, github: coreServices.github },
      init: ({ urlReader, github: service }) => {
        provided = urlReader;
        githubService = service;
      },
    });
    const backend = await startTestBackend({
      features: [plugin],
      config: { integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN }] } },
    });
    try {
      await expect(provided!.readUrl(blob('catalog-info.yaml'))).resolves.toMatchObject({ text: 'kind: Component\n' });
      const [repo] = await githubService!.listOrgRepositories('northwind');
      expect(repo).toMatchObject({ name: 'catalog', htmlUrl: `${github.url}/northwind/catalog` });
      expect(githubService!.blobUrl(repo!, 'catalog-info.yaml')).toBe(blob('catalog-info.yaml'));
    } finally {
      await backend.stop();
    }
  });
});
