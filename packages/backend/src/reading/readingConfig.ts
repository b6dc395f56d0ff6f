import { z } from 'zod';
import type { RootConfigService } from '@callboard/backend-plugin-api';
import { isLoopbackHost, parseHost, type HostMatcher } from './hosts.ts';

const hostSchema = z
  .string()
  .min(1)
  .transform((host, ctx): { text: string; matcher: HostMatcher } => {
    const matcher = parseHost(host);
    if (!matcher) {
      ctx.addIssue({ code: 'custom', message: `expected a host such as 'github.com' or 'host:port', without scheme or path; got '${host}'` });
      return z.NEVER;
    }
    return { text: host.toLowerCase(), matcher };
  });

const githubIntegrationInputSchema = z.object({
  host: hostSchema,
  /** https://api.github.com for github.com, https://<host>/api/v3 for GitHub Enterprise. */
  apiBaseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.github.com' }).optional(),
  token: z.string().min(1).optional(),
});

export interface GithubIntegration {
  /** As config gave it, lowercased: "github.com" or "host:port". */
  host: string;
  matcher: HostMatcher;
  apiBaseUrl: string;
  token?: string;
  /**
   * True only for a loopback test server configured with an http apiBaseUrl;
   * then its file URLs may be http too.
   */
  insecure: boolean;
}

function defaultApiBaseUrl(host: string): string {
  return host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`;
}

export const integrationsConfigSchema = z
  .object({
    github: z
      .array(githubIntegrationInputSchema)
      .default([])
      .transform((entries, ctx): GithubIntegration[] => {
        const seen = new Set<string>();
        return entries.map((entry, index) => {
          if (seen.has(entry.host.text)) {
            ctx.addIssue({ code: 'custom', path: [index, 'host'], message: `host '${entry.host.text}' is listed twice` });
          }
          seen.add(entry.host.text);
          const apiBaseUrl = (entry.apiBaseUrl ?? defaultApiBaseUrl(entry.host.text)).replace(/\/+$/, '');
          const api = new URL(apiBaseUrl);
          // A token sent over plain http to a real host would leak; http is for local fakes only.
          if (api.protocol === 'http:' && !isLoopbackHost(api.hostname)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'apiBaseUrl'],
              message: 'must use https; http is accepted only for a test server on a loopback address',
            });
          }
          return {
            host: entry.host.text,
            matcher: entry.host.matcher,
            apiBaseUrl,
            ...(entry.token ? { token: entry.token } : {}),
            insecure: api.protocol === 'http:',
          };
        });
      }),
  })
  .default({ github: [] });

const allowEntrySchema = z
  .object({
    host: hostSchema,
    /** Path prefixes such as `/catalog/`; every path on the host when absent. */
    paths: z.array(z.string().startsWith('/', "expected a path starting with '/'")).min(1).optional(),
    /** Allows http:// for this host; only for a test server on a loopback address. */
    insecure: z.boolean().default(false),
    /**
     * The host name may resolve to a private address (an internal Git server).
     * Without it, a name that resolves to one is refused at connect time.
     */
    privateNetwork: z.boolean().default(false),
  })
  .superRefine((entry, ctx) => {
    if (entry.insecure && !isLoopbackHost(entry.host.matcher.hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['insecure'],
        message: `http is accepted only for a test server on a loopback address, not '${entry.host.text}'`,
      });
    }
  });

export interface AllowEntry {
  host: string;
  matcher: HostMatcher;
  paths?: string[];
  insecure: boolean;
  privateNetwork: boolean;
}

export const readingConfigSchema = z
  .object({
    allow: z
      .array(allowEntrySchema)
      .default([])
      .transform((entries): AllowEntry[] =>
        entries.map((entry) => ({
          host: entry.host.text,
          matcher: entry.host.matcher,
          ...(entry.paths ? { paths: entry.paths } : {}),
          insecure: entry.insecure,
          privateNetwork: entry.privateNetwork,
        })),
      ),
  })
  .default({ allow: [] });

export type ReadingConfig = z.output<typeof readingConfigSchema>;
export type IntegrationsConfig = z.output<typeof integrationsConfigSchema>;

/** `integrations.github`, validated; throws a config error naming the exact path. */
export function readGithubIntegrations(config: RootConfigService): GithubIntegration[] {
  return config.section('integrations', integrationsConfigSchema).github;
}

export function readReadingConfig(config: RootConfigService): ReadingConfig {
  return config.section('backend.reading', readingConfigSchema);
}
