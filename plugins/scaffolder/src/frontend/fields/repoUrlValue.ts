import { isRepoName, readRepoUrl } from '../../common/repoUrl.ts';

/** What is wrong with a picked repository, in words for the field; undefined when it is fine. */
export function repoUrlProblem(value: unknown, options: { allowedHosts?: string[]; allowedOwners?: string[] } = {}): string | undefined {
  const parts = readRepoUrl(value);
  if (!parts.host) return 'Choose a host';
  if (options.allowedHosts?.length && !options.allowedHosts.includes(parts.host)) {
    return `The host must be one of ${options.allowedHosts.join(', ')}`;
  }
  if (!parts.owner) return 'Give the owner (an organisation or user)';
  if (!isRepoName(parts.owner)) return 'The owner may hold letters, digits, dots, dashes and underscores';
  if (options.allowedOwners?.length && !options.allowedOwners.includes(parts.owner)) {
    return `The owner must be one of ${options.allowedOwners.join(', ')}`;
  }
  if (!parts.repo) return 'Give the repository name';
  if (!isRepoName(parts.repo)) {
    return 'The repository name may hold letters, digits, dots, dashes and underscores, and may not end in .git';
  }
  return undefined;
}
