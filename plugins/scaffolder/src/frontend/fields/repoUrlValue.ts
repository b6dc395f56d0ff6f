/**
 * RepoUrlPicker's value, in Backstage's format: `host?owner=o&repo=r`, with
 * optional `organization`, `workspace` and `project` for other hosts. The
 * templates' `parseRepoUrl` filter reads the same string.
 */
export interface RepoUrlParts {
  host: string;
  owner: string;
  repo: string;
}

export function parseRepoUrlValue(value: unknown): RepoUrlParts {
  if (typeof value !== 'string' || value === '') return { host: '', owner: '', repo: '' };
  const question = value.indexOf('?');
  const host = question === -1 ? value : value.slice(0, question);
  const params = new URLSearchParams(question === -1 ? '' : value.slice(question + 1));
  return { host, owner: params.get('owner') ?? '', repo: params.get('repo') ?? '' };
}

export function formatRepoUrlValue(parts: RepoUrlParts): string {
  const params = new URLSearchParams();
  if (parts.owner) params.set('owner', parts.owner);
  if (parts.repo) params.set('repo', parts.repo);
  const query = params.toString();
  return query ? `${parts.host}?${query}` : parts.host;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What is wrong with a picked repository, in words for the field; undefined when it is fine. */
export function repoUrlProblem(value: unknown, options: { allowedHosts?: string[]; allowedOwners?: string[] } = {}): string | undefined {
  const parts = parseRepoUrlValue(value);
  if (!parts.host) return 'Choose a host';
  if (options.allowedHosts?.length && !options.allowedHosts.includes(parts.host)) {
    return `The host must be one of ${options.allowedHosts.join(', ')}`;
  }
  if (!parts.owner) return 'Give the owner (an organisation or user)';
  if (!NAME.test(parts.owner)) return 'The owner may hold letters, digits, dots, dashes and underscores';
  if (options.allowedOwners?.length && !options.allowedOwners.includes(parts.owner)) {
    return `The owner must be one of ${options.allowedOwners.join(', ')}`;
  }
  if (!parts.repo) return 'Give the repository name';
  if (!NAME.test(parts.repo) || parts.repo.endsWith('.git')) {
    return 'The repository name may hold letters, digits, dots, dashes and underscores, and may not end in .git';
  }
  return undefined;
}
