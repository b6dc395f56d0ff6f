import { InputError } from '@callboard/common';

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
 * `host?owner=o&repo=r`, the form RepoUrlPicker writes. The `parseRepoUrl`
 * template filter reads the same form inside the sandbox, where this module
 * cannot be loaded; the two accept the same strings and must stay in step.
 */
export function parseRepoUrl(repoUrl: string): RepoUrl {
  const example = 'expected e.g. github.com?owner=acme&repo=web';
  const question = repoUrl.indexOf('?');
  const host = question === -1 ? repoUrl : repoUrl.slice(0, question);
  if (!host || /[/\s]/.test(host)) throw new InputError(`repoUrl '${repoUrl}' has no host; ${example}`);
  const params = new URLSearchParams(question === -1 ? '' : repoUrl.slice(question + 1));
  const result: Partial<RepoUrl> = { host };
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) result[key] = value;
  }
  if (!result.repo) throw new InputError(`repoUrl '${repoUrl}' names no repo; ${example}`);
  return result as RepoUrl;
}
