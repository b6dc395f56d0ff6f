import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { NotAllowedError, NotFoundError, ServiceUnavailableError, type CallboardError } from '@callboard/common';
import type { LoggerService } from '@callboard/backend-plugin-api';
import type { GithubIntegration } from './readingConfig.ts';

export type GithubClient = Octokit;

export function createGithubClient(integration: GithubIntegration, logger?: LoggerService): GithubClient {
  const log = logger?.child({ github: integration.host });
  return new Octokit({
    baseUrl: integration.apiBaseUrl,
    userAgent: 'callboard',
    ...(integration.token ? { auth: integration.token } : {}),
    // Octokit logs every request at info and writes to the console by default.
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log?.warn(message),
      error: (message: string) => log?.error(message),
    },
  });
}

/** The parts of octokit's RequestError that decide what went wrong. */
const requestErrorSchema = z.object({
  status: z.number(),
  message: z.string(),
  response: z
    .object({
      headers: z.record(z.string(), z.unknown()),
      data: z.unknown(),
    })
    .optional(),
});

export type GithubRequestError = z.output<typeof requestErrorSchema>;

export function parseGithubRequestError(error: unknown): GithubRequestError | undefined {
  const parsed = requestErrorSchema.safeParse(error);
  return parsed.success ? parsed.data : undefined;
}

/** GitHub's messages end with " - <documentation url>"; keep the sentence. */
function githubMessage(error: GithubRequestError): string {
  return error.message.replace(/ - https?:\/\/\S+$/, '');
}

/**
 * Maps a failed GitHub call to Callboard's errors. `what` names the thing
 * asked for; `notFound` is the message for a 404 (GitHub also answers 404
 * for a private repository the token cannot see).
 */
export function githubError(
  error: unknown,
  context: { integration: GithubIntegration; what: string; notFound: string },
): CallboardError {
  const { integration, what } = context;
  const host = integration.host;
  const failure = parseGithubRequestError(error);
  if (!failure) {
    return new ServiceUnavailableError(`Cannot read ${what} from GitHub at ${host}: ${String(error)}`, { cause: error });
  }
  const message = githubMessage(failure);
  const tokenHint = integration.token
    ? ''
    : ` No token is configured for '${host}': set integrations.github[].token for host '${host}'.`;
  switch (failure.status) {
    case 404:
      return new NotFoundError(
        `${context.notFound}.${integration.token ? ` If the repository is private, check that the token configured for '${host}' in integrations.github can read it.` : tokenHint}`,
        { cause: error },
      );
    case 401:
      return new NotAllowedError(
        integration.token
          ? `GitHub at ${host} rejected the token configured for it in integrations.github (401 ${message}) while reading ${what}. Replace the token with a valid one.`
          : `GitHub at ${host} requires a token to read ${what} (401 ${message}).${tokenHint}`,
        { cause: error },
      );
    case 403:
    case 429: {
      if (failure.response?.headers['x-ratelimit-remaining'] === '0' || failure.status === 429) {
        return new ServiceUnavailableError(
          `GitHub at ${host} rate-limited the request for ${what} (${failure.status} ${message}); try again later.${tokenHint}`,
          { cause: error },
        );
      }
      return new NotAllowedError(
        integration.token
          ? `The token configured for '${host}' in integrations.github may not read ${what} (403 ${message}). Give it read access to the repository's contents.`
          : `GitHub at ${host} refused to serve ${what} without a token (403 ${message}).${tokenHint}`,
        { cause: error },
      );
    }
    default:
      // Octokit reports a failed connection as status 500 with no response.
      if (!failure.response) {
        return new ServiceUnavailableError(`Cannot reach GitHub at ${integration.apiBaseUrl} to read ${what}: ${message}`, {
          cause: error,
        });
      }
      return new ServiceUnavailableError(`GitHub at ${host} answered ${failure.status} (${message}) for ${what}`, { cause: error });
  }
}
