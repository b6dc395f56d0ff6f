import type { GithubService } from '@callboard/backend-plugin-api';
import type { GithubReading } from './LocationReader.ts';

/** The organisation discovery provider's view of GitHub. */
export function createGithubReading(github: GithubService): GithubReading {
  return {
    async listRepos(host, org) {
      const repos = await github.listOrgRepositories(host === 'github.com' ? org : `${host}/${org}`);
      return repos.map((r) => ({ name: r.name, defaultBranch: r.defaultBranch, archived: r.archived, htmlUrl: r.htmlUrl }));
    },
    blobUrl: (repo, filePath) => github.blobUrl(repo, filePath),
  };
}
