import { z } from 'zod';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@callboard/common';
import type {
  LoggerService,
  ReadUrlBytesResult,
  ReadUrlOptions,
  ReadUrlResult,
  RootConfigService,
  UrlReaderService,
} from '@callboard/backend-plugin-api';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { hostMatches, isIpLiteral, isLocalhostName } from './hosts.ts';
import { PrivateAddressRefusal, addressLookup, type Resolver } from './publicAddressLookup.ts';
import {
  readGithubIntegrations,
  readReadingConfig,
  type AllowEntry,
  type GithubIntegration,
} from './readingConfig.ts';
import { parseGithubFileUrl, resolveGithubRelative, type GithubFileRef } from './githubUrls.ts';
import { createGithubClient, githubError, parseGithubRequestError, type GithubClient } from './githubClient.ts';
import { DEFAULT_MAX_BYTES, readLimitedBytes } from './readLimitedBytes.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

type Target =
  | { kind: 'github'; url: URL; integration: GithubIntegration; file: GithubFileRef }
  | { kind: 'fetch'; url: URL; entry: AllowEntry };

/** Why a URL may not be read; `Reading <url> is not allowed: <reason>`. */
class Refusal {
  constructor(readonly reason: string) {}
}

const readableStreamSchema = z.custom<ReadableStream<Uint8Array>>((value) => value instanceof ReadableStream, {
  message: 'expected the response body as a stream',
});

export interface UrlReaderOptions {
  github: readonly GithubIntegration[];
  allow: readonly AllowEntry[];
  logger?: LoggerService;
  /** Per read, including redirects and the body. */
  timeoutMs?: number;
  /** Name resolution for allowed hosts; the system resolver unless a test gives its own. */
  resolve?: Resolver;
}

function pathAllowed(entry: AllowEntry, pathname: string): boolean {
  if (!entry.paths) return true;
  return entry.paths.some((prefix) =>
    prefix.endsWith('/') ? pathname.startsWith(prefix) : pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * Reads files from GitHub (through its API, with the configured token) and
 * from hosts listed under backend.reading.allow, and from nowhere else.
 */
export class UrlReader implements UrlReaderService {
  private readonly clients = new Map<GithubIntegration, GithubClient>();
  private readonly timeoutMs: number;
  /** For hosts listed by name: connects only to public addresses. */
  private readonly publicOnly: Dispatcher;
  /** For hosts listed as an address or localhost, or marked privateNetwork: the listing is the permission. */
  private readonly anyAddress: Dispatcher;

  private constructor(private readonly options: UrlReaderOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const resolve = options.resolve ? { resolve: options.resolve } : {};
    this.publicOnly = new Agent({ connect: { lookup: addressLookup({ publicOnly: true, ...resolve }) } });
    this.anyAddress = new Agent({ connect: { lookup: addressLookup({ publicOnly: false, ...resolve }) } });
  }

  static create(options: UrlReaderOptions): UrlReader {
    return new UrlReader(options);
  }

  /** Reads `integrations.github` and `backend.reading` from the root config. */
  static fromConfig(config: RootConfigService, options?: { logger?: LoggerService; timeoutMs?: number }): UrlReader {
    return new UrlReader({
      github: readGithubIntegrations(config),
      allow: readReadingConfig(config).allow,
      ...options,
    });
  }

  isAllowed(url: string): boolean {
    try {
      return !(this.classify(url) instanceof Refusal);
    } catch {
      return false;
    }
  }

  resolve(base: string, relative: string): string {
    // An absolute URL is its own answer; readUrl checks it like any other.
    if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) {
      try {
        return new URL(relative).href;
      } catch {
        throw new InputError(`'${relative}' is not a valid URL`);
      }
    }
    const baseUrl = this.parse(base);
    if (this.githubFor(baseUrl)) return resolveGithubRelative(baseUrl, relative);
    return new URL(relative, baseUrl).href;
  }

  async readUrl(url: string, options: ReadUrlOptions = {}): Promise<ReadUrlResult> {
    const result = await this.readUrlBytes(url, options);
    if (result.notModified) return result;
    const text = new TextDecoder('utf-8').decode(result.bytes);
    return { notModified: false, text, ...(result.etag ? { etag: result.etag } : {}) };
  }

  async readUrlBytes(url: string, options: ReadUrlOptions = {}): Promise<ReadUrlBytesResult> {
    const target = this.target(url);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return target.kind === 'github'
        ? await this.readGithub(target, { ...options, signal, maxBytes })
        : await this.readFetch(target, { ...options, signal, maxBytes });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (timeout.aborted) {
        throw new ServiceUnavailableError(`Reading ${url} timed out after ${this.timeoutMs / 1000} s`, { cause: error });
      }
      throw error;
    }
  }

  private parse(url: string): URL {
    try {
      return new URL(url);
    } catch {
      throw new InputError(`'${url}' is not a valid URL`);
    }
  }

  private githubFor(url: URL): GithubIntegration | undefined {
    return this.options.github.find((integration) => hostMatches(integration.matcher, url));
  }

  /** Throws the refusal as NotAllowedError; InputError for a malformed URL. */
  private target(url: string): Target {
    const result = this.classify(url);
    if (result instanceof Refusal) throw new NotAllowedError(`Reading ${url} is not allowed: ${result.reason}`);
    return result;
  }

  private classify(raw: string): Target | Refusal {
    const url = this.parse(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return new Refusal(`only https URLs can be read, not ${url.protocol.replace(/:$/, '')}`);
    }
    if (url.username || url.password) {
      return new Refusal('credentials in the URL are not accepted; configure a token under integrations.github instead');
    }
    const integration = this.githubFor(url);
    if (integration) {
      if (url.protocol === 'http:' && !integration.insecure) {
        return new Refusal(`only https URLs can be read from '${integration.host}'`);
      }
      return { kind: 'github', url, integration, file: parseGithubFileUrl(url) };
    }
    const sameHost = this.options.allow.filter((entry) => hostMatches(entry.matcher, url));
    if (sameHost.length > 0) {
      const entry = sameHost.find((candidate) => pathAllowed(candidate, url.pathname));
      if (!entry) {
        return new Refusal(
          `its path is outside the paths allowed for host '${url.host}' in backend.reading.allow (${sameHost.flatMap((e) => e.paths ?? []).join(', ')})`,
        );
      }
      if (url.protocol === 'http:' && !entry.insecure) {
        return new Refusal(`only https URLs can be read; http needs 'insecure: true' on the allow entry of '${entry.host}'`);
      }
      return { kind: 'fetch', url, entry };
    }
    const reason = `host '${url.host}' is not in backend.reading.allow or integrations.github`;
    if (isIpLiteral(url.hostname) || isLocalhostName(url.hostname)) {
      return new Refusal(`${reason}. IP addresses and localhost are read only when listed there explicitly`);
    }
    return new Refusal(reason);
  }

  private client(integration: GithubIntegration): GithubClient {
    let client = this.clients.get(integration);
    if (!client) {
      client = createGithubClient(integration, this.options.logger);
      this.clients.set(integration, client);
    }
    return client;
  }

  private async readGithub(
    target: Extract<Target, { kind: 'github' }>,
    options: { etag?: string; signal: AbortSignal; maxBytes: number },
  ): Promise<ReadUrlBytesResult> {
    const { integration, file, url } = target;
    const where = `'${file.path}' in ${file.owner}/${file.repo} at '${file.ref}'`;
    let response;
    try {
      response = await this.client(integration).rest.repos.getContent({
        owner: file.owner,
        repo: file.repo,
        path: file.path,
        ref: file.ref,
        headers: {
          accept: 'application/vnd.github.raw',
          ...(options.etag ? { 'if-none-match': options.etag } : {}),
        },
        // The body stays a stream so the size limit applies while reading.
        request: { signal: options.signal, parseSuccessResponseBody: false },
      });
    } catch (error) {
      if (parseGithubRequestError(error)?.status === 304) return { notModified: true };
      throw githubError(error, {
        integration,
        what: `${where} (${url.href})`,
        notFound: `File ${where} was not found on ${integration.host} (${url.href})`,
      });
    }
    const contentType = String(response.headers['content-type'] ?? '');
    const parsedBody = readableStreamSchema.safeParse(response.data);
    if (!parsedBody.success) {
      throw new ServiceUnavailableError(`GitHub at ${integration.host} answered ${url.href} without a body`);
    }
    const body = parsedBody.data;
    // The raw media type answers a directory with its JSON listing.
    if (contentType.startsWith('application/json')) {
      await body.cancel().catch(() => undefined);
      throw new InputError(`${url.href} names a directory, not a file`);
    }
    const bytes = await readLimitedBytes(body, {
      url: url.href,
      maxBytes: options.maxBytes,
      contentLength: response.headers['content-length'] === undefined ? undefined : String(response.headers['content-length']),
    });
    const etag = response.headers.etag;
    return { notModified: false, bytes, ...(etag ? { etag } : {}) };
  }

  private async readFetch(
    target: Extract<Target, { kind: 'fetch' }>,
    options: { etag?: string; signal: AbortSignal; maxBytes: number },
  ): Promise<ReadUrlBytesResult> {
    const original = target.url.href;
    let current = target.url;
    let entry = target.entry;
    for (let hops = 0; ; hops++) {
      let response: Awaited<ReturnType<typeof undiciFetch>>;
      const named = !isIpLiteral(current.hostname) && !isLocalhostName(current.hostname);
      try {
        response = await undiciFetch(current, {
          // Each hop is checked against the allow list before it is followed.
          redirect: 'manual',
          signal: options.signal,
          headers: { accept: '*/*', ...(options.etag ? { 'if-none-match': options.etag } : {}) },
          dispatcher: named && !entry.privateNetwork ? this.publicOnly : this.anyAddress,
        });
      } catch (error) {
        if (options.signal.aborted) throw error;
        if (error instanceof Error && error.cause instanceof PrivateAddressRefusal) {
          throw new NotAllowedError(
            `Reading ${original} is not allowed: ${error.cause.message}. If '${entry.host}' is meant to be on your private network, set privateNetwork: true on its entry under backend.reading.allow`,
          );
        }
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        throw new ServiceUnavailableError(`Cannot read ${original}: ${cause}`, { cause: error });
      }
      if (isRedirect(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) throw new ServiceUnavailableError(`${current.host} redirected ${original} without saying where`);
        if (hops >= MAX_REDIRECTS) throw new ServiceUnavailableError(`Reading ${original} was redirected more than ${MAX_REDIRECTS} times`);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new ServiceUnavailableError(`${current.host} redirected ${original} to an invalid URL '${location}'`);
        }
        const classified = this.classify(next.href);
        if (classified instanceof Refusal) {
          throw new NotAllowedError(`Reading ${original} is not allowed: it redirects to ${next.href}, and ${classified.reason}`);
        }
        if (classified.kind === 'github') return this.readGithub(classified, options);
        current = next;
        entry = classified.entry;
        continue;
      }
      if (response.status === 304 && options.etag) {
        await response.body?.cancel().catch(() => undefined);
        return { notModified: true };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const host = current.host;
        if (response.status === 404 || response.status === 410) {
          throw new NotFoundError(`Nothing found at ${current.href} (${host} answered ${response.status})`);
        }
        if (response.status === 401 || response.status === 403) {
          throw new NotAllowedError(
            `${host} refused to serve ${current.href} (${response.status}); Callboard sends no credentials to hosts under backend.reading.allow, so the file must be readable without them`,
          );
        }
        throw new ServiceUnavailableError(`${host} answered ${response.status} for ${current.href}`);
      }
      // undici's body is typed by its own web-stream types; checked like GitHub's, at the edge.
      const bytes = await readLimitedBytes(response.body === null ? null : readableStreamSchema.parse(response.body), {
        url: current.href,
        maxBytes: options.maxBytes,
        contentLength: response.headers.get('content-length'),
      });
      const etag = response.headers.get('etag');
      return { notModified: false, bytes, ...(etag ? { etag } : {}) };
    }
  }
}
