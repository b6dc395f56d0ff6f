import { z } from 'zod';
import { InputError } from '@callboard/common';

export interface GithubPublishTarget {
  host: string;
  apiBaseUrl: string;
  token?: string;
  /** An http API on a loopback address (a local fake); its clone URLs may be http too. */
  insecure: boolean;
}

const entrySchema = z.object({
  host: z.string().min(1),
  apiBaseUrl: z.string().optional(),
  token: z.string().optional(),
});

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * The GitHub hosts publish:github may create repositories on, from the same
 * `integrations.github` list the catalog reads with. A host not listed there
 * cannot be published to, whatever a template says.
 */
export function readGithubTargets(raw: unknown): GithubPublishTarget[] {
  if (raw === undefined) return [];
  const parsed = z.array(entrySchema).safeParse(raw);
  if (!parsed.success) throw new TypeError(`integrations.github is not a list of { host, apiBaseUrl?, token? }`);
  return parsed.data.map((entry) => {
    const apiBaseUrl = (entry.apiBaseUrl ?? (entry.host === 'github.com' ? 'https://api.github.com' : `https://${entry.host}/api/v3`)).replace(/\/+$/, '');
    const api = new URL(apiBaseUrl);
    if (api.protocol === 'http:' && !isLoopback(api.hostname)) {
      throw new TypeError(`integrations.github: '${entry.host}' has an http apiBaseUrl; use https (http only for a loopback test server)`);
    }
    return { host: entry.host, apiBaseUrl, ...(entry.token ? { token: entry.token } : {}), insecure: api.protocol === 'http:' };
  });
}

export function findGithubTarget(targets: readonly GithubPublishTarget[], host: string): GithubPublishTarget {
  const target = targets.find((t) => t.host === host);
  if (!target) {
    const known = targets.map((t) => t.host).join(', ') || 'none';
    throw new InputError(`No GitHub integration for host '${host}'; add it under integrations.github (configured: ${known})`);
  }
  return target;
}
