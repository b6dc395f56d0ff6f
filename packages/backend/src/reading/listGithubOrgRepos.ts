import { z } from 'zod';
import { InputError, NotAllowedError, ServiceUnavailableError } from '@callboard/common';
import type { LoggerService, RootConfigService } from '@callboard/backend-plugin-api';
import { hostMatches } from './hosts.ts';
import { readGithubIntegrations, type GithubIntegration } from './readingConfig.ts';
import { createGithubClient, githubError, parseGithubRequestError } from './githubClient.ts';

export interface GithubRepoSummary {
  name: string;
  defaultBranch: string;
  archived: boolean;
  /** The repository's browser URL, e.g. https://github.com/org/name; see githubBlobUrl. */
  htmlUrl: string;
}

const repoSchema = z.object({
  name: z.string().min(1),
  default_branch: z.string().min(1),
  archived: z.boolean().default(false),
  html_url: z.url(),
});

const ORG_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * `org` is a name ("northwind"), `host/name` ("ghe.example.com/northwind"),
 * or a URL ("https://github.com/northwind").
 */
function pickIntegration(integrations: readonly GithubIntegration[], org: string): { integration: GithubIntegration; org: string } {
  if (/^https?:\/\//i.test(org)) {
    let url: URL;
    try {
      url = new URL(org);
    } catch {
      throw new InputError(`'${org}' is not a valid URL`);
    }
    const name = url.pathname.split('/').filter(Boolean);
    if (name.length !== 1) throw new InputError(`'${org}' does not name a GitHub organisation: expected https://<host>/<org>`);
    const integration = integrations.find((i) => hostMatches(i.matcher, url));
    if (!integration) {
      throw new NotAllowedError(`Listing the repositories of ${org} is not allowed: host '${url.host}' is not in integrations.github`);
    }
    return { integration, org: name[0]! };
  }
  // `host/org` names an organisation on a host other than the default one.
  const slash = org.indexOf('/');
  if (slash > 0) {
    const host = org.slice(0, slash).toLowerCase();
    const name = org.slice(slash + 1).replace(/\/+$/, '');
    const integration = integrations.find((i) => i.host === host);
    if (!integration) {
      throw new NotAllowedError(`Listing the repositories of '${org}' is not allowed: host '${host}' is not in integrations.github`);
    }
    return { integration, org: name };
  }
  if (integrations.length === 0) {
    throw new NotAllowedError(`Listing the repositories of '${org}' needs a GitHub host under integrations.github`);
  }
  const integration =
    integrations.length === 1 ? integrations[0] : integrations.find((i) => i.host === 'github.com');
  if (!integration) {
    throw new InputError(
      `Several GitHub hosts are configured; name the organisation by URL, e.g. https://${integrations[0]!.host}/${org}`,
    );
  }
  return { integration, org };
}

/**
 * Every repository of a GitHub organisation (or, failing that, of a user),
 * following GitHub's pagination. Archived repositories are included and
 * flagged, so the caller decides what to skip.
 */
export async function listGithubOrgRepos(
  config: RootConfigService,
  org: string,
  options?: { signal?: AbortSignal; logger?: LoggerService },
): Promise<GithubRepoSummary[]> {
  const picked = pickIntegration(readGithubIntegrations(config), org);
  const { integration } = picked;
  if (!ORG_NAME.test(picked.org)) throw new InputError(`'${picked.org}' is not a valid GitHub organisation name`);
  const client = createGithubClient(integration, options?.logger);
  const request = options?.signal ? { signal: options.signal } : {};
  const what = `the repositories of '${picked.org}' on ${integration.host}`;
  let items: unknown[];
  try {
    items = await client.paginate(client.rest.repos.listForOrg, { org: picked.org, type: 'all', per_page: 100, request });
  } catch (error) {
    if (options?.signal?.aborted) throw error;
    if (parseGithubRequestError(error)?.status !== 404) {
      throw githubError(error, { integration, what, notFound: `No organisation '${picked.org}' on ${integration.host}` });
    }
    // The name may be a user account rather than an organisation.
    try {
      items = await client.paginate(client.rest.repos.listForUser, { username: picked.org, type: 'owner', per_page: 100, request });
    } catch (userError) {
      if (options?.signal?.aborted) throw userError;
      throw githubError(userError, {
        integration,
        what,
        notFound: `No organisation or user '${picked.org}' on ${integration.host}`,
      });
    }
  }
  return items.map((item, index) => {
    const parsed = repoSchema.safeParse(item);
    if (!parsed.success) {
      throw new ServiceUnavailableError(`GitHub at ${integration.host} sent an unexpected repository at position ${index} of ${what}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return {
      name: parsed.data.name,
      defaultBranch: parsed.data.default_branch,
      archived: parsed.data.archived,
      htmlUrl: parsed.data.html_url,
    };
  });
}
