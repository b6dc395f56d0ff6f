import type {
  GithubRepository,
  GithubService,
  LoggerService,
  RootConfigService,
} from '@callboard/backend-plugin-api';
import { githubBlobUrl } from './githubUrls.ts';
import { listGithubOrgRepos } from './listGithubOrgRepos.ts';
import { readGithubIntegrations } from './readingConfig.ts';

/** coreServices.github: organisation discovery through `integrations.github`. */
export class GithubApi implements GithubService {
  private constructor(
    private readonly config: RootConfigService,
    private readonly logger: LoggerService | undefined,
  ) {}

  static fromConfig(config: RootConfigService, options?: { logger?: LoggerService }): GithubApi {
    // Validated now, so a bad integrations.github stops the plugin that asked for the service at start-up.
    readGithubIntegrations(config);
    return new GithubApi(config, options?.logger);
  }

  listOrgRepositories(org: string, options?: { signal?: AbortSignal }): Promise<GithubRepository[]> {
    return listGithubOrgRepos(this.config, org, {
      ...(options?.signal ? { signal: options.signal } : {}),
      ...(this.logger ? { logger: this.logger } : {}),
    });
  }

  blobUrl(repo: Pick<GithubRepository, 'htmlUrl' | 'defaultBranch'>, path: string, ref?: string): string {
    return githubBlobUrl(repo, path, ref);
  }
}
