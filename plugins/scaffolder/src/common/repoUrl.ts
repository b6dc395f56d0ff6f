import { InputError } from '@callboard/common';

/**
 * `host?owner=o&repo=r`, the form RepoUrlPicker writes and publish actions
 * read (`organization`, `workspace` and `project` serve other hosts). The
 * wizard, the actions and the local Git host share this module so they agree
 * on what a repository location is. The `parseRepoUrl` template filter reads
 * the same form inside the sandbox, where no module can be loaded; the two
 * accept the same strings and must stay in step.
 */
export interface RepoUrl {
  host: string;
  owner?: string;
  repo: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

const KEYS = ['owner', 'repo', 'organization', 'workspace', 'project'] as const;

/**
 * The query part, decoded as a form (`+` is a space); the first of repeated
 * keys wins. Written out because this module also runs where only the
 * language's own globals are typed.
 */
function queryParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const question = value.indexOf('?');
  if (question === -1) return params;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  for (const pair of value.slice(question + 1).split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    if (!params.has(key)) params.set(key, equals === -1 ? '' : decode(pair.slice(equals + 1)));
  }
  return params;
}

function hostOf(value: string): string {
  const question = value.indexOf('?');
  return question === -1 ? value : value.slice(0, question);
}

/** Every part present, empty strings for the missing ones: what a half-filled picker holds. */
export function readRepoUrl(value: unknown): { host: string; owner: string; repo: string } {
  if (typeof value !== 'string' || value === '') return { host: '', owner: '', repo: '' };
  const params = queryParams(value);
  return { host: hostOf(value), owner: params.get('owner') ?? '', repo: params.get('repo') ?? '' };
}

export function formatRepoUrl(parts: { host: string; owner: string; repo: string }): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
  const query = (['owner', 'repo'] as const)
    .filter((key) => parts[key])
    .map((key) => `${key}=${encode(parts[key])}`)
    .join('&');
  return query ? `${parts.host}?${query}` : parts.host;
}

/** For an action: a complete location, or an InputError saying what is missing. */
export function parseRepoUrl(repoUrl: string): RepoUrl {
  const example = 'expected e.g. github.com?owner=acme&repo=web';
  const host = hostOf(repoUrl);
  if (!host || /[/\s]/.test(host)) throw new InputError(`repoUrl '${repoUrl}' has no host; ${example}`);
  const params = queryParams(repoUrl);
  const result: Partial<RepoUrl> = { host };
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) result[key] = value;
  }
  if (!result.repo) throw new InputError(`repoUrl '${repoUrl}' names no repo; ${example}`);
  return result as RepoUrl;
}

const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Owner and repository names that are safe as folder names and accepted by Git hosts. */
export function isRepoName(value: string | undefined): value is string {
  return Boolean(value) && REPO_NAME.test(value!) && !value!.toLowerCase().endsWith('.git');
}
