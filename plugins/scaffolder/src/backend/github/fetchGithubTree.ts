import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@callboard/common';
import { runGit } from '@callboard/backend-plugin-api';
import { UnsafePathError } from '../workspace/resolveSafePath.ts';
import { findGithubTarget, type GithubPublishTarget } from './githubIntegrations.ts';

export interface GithubLocation {
  origin: string;
  host: string;
  owner: string;
  repo: string;
  ref: string;
  /** Inside the repository, without leading or trailing slashes; '' for its root. */
  path: string;
}

/** `https://host/owner/repo/(blob|tree)/ref/path…`; the ref is one path segment. */
export function parseGithubLocation(url: string): GithubLocation | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const [owner, repo, kind, ref, ...rest] = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (!owner || !repo || (kind !== 'blob' && kind !== 'tree') || !ref) return undefined;
  return { origin: parsed.origin, host: parsed.host, owner, repo, ref, path: rest.join('/') };
}

/**
 * Resolves a skeleton URL against a template that lives on GitHub: relative
 * (`./skeleton`, `../shared/x`) against the template's folder, or absolute.
 * The result must stay inside the same repository and ref.
 */
export function resolveGithubUrl(baseUrl: string | undefined, url: string): GithubLocation {
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  const location = parseGithubLocation(absolute ? url : (baseUrl ?? ''));
  if (!location) {
    throw new InputError(
      absolute
        ? `Cannot fetch '${url}': Callboard fetches skeletons from GitHub URLs such as https://github.com/org/repo/tree/main/skeleton`
        : `Cannot resolve '${url}': this template has no folder to read skeletons from`,
    );
  }
  if (absolute) return location;
  // The base names a file (…/blob/main/dir/template.yaml) or a folder (…/tree/main/dir/).
  const baseDir = baseUrl?.endsWith('/') ? location.path : path.posix.dirname(location.path);
  const joined = path.posix.normalize(path.posix.join('/', baseDir === '.' ? '' : baseDir, url));
  // normalize() clamps '..' at the root; count the climb ourselves to refuse it.
  let depth = baseDir && baseDir !== '.' ? baseDir.split('/').filter(Boolean).length : 0;
  for (const part of url.split('/')) {
    if (part === '..') depth--;
    else if (part && part !== '.') depth++;
    if (depth < 0) throw new UnsafePathError(`The template URL '${url}' leads outside the template's repository`);
  }
  return { ...location, path: joined.replace(/^\/+|\/+$/g, '') };
}

/**
 * Checks out one ref of a GitHub repository (shallow) into `scratchDir` and
 * returns the local path of the requested file or folder. Only hosts under
 * integrations.github are fetched, with their token.
 */
export async function fetchGithubTree(
  location: GithubLocation,
  targets: readonly GithubPublishTarget[],
  scratchDir: string,
  signal?: AbortSignal,
): Promise<string> {
  const target = findGithubTarget(targets, location.host);
  const protocol = location.origin.startsWith('https:') ? 'https' : target.insecure ? 'http' : undefined;
  if (!protocol) throw new InputError(`Cannot fetch from ${location.origin}: only https is accepted`);
  const remote = `${location.origin}/${location.owner}/${location.repo}.git`;
  const auth = target.token
    ? [`http.extraHeader=Authorization: Basic ${Buffer.from(`x-access-token:${target.token}`).toString('base64')}`]
    : [];
  const checkout = path.join(scratchDir, 'checkout');
  await runGit(['clone', '--quiet', '--depth', '1', '--branch', location.ref, '--', remote, checkout], {
    cwd: scratchDir,
    allowedProtocols: protocol,
    config: auth,
    ...(signal ? { signal } : {}),
  });
  const result = path.join(checkout, ...location.path.split('/').filter(Boolean));
  if (!fs.existsSync(result)) {
    throw new InputError(`${location.owner}/${location.repo} has no '${location.path}' on ${location.ref}`);
  }
  const real = fs.realpathSync(result);
  const relative = path.relative(fs.realpathSync(checkout), real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UnsafePathError(`'${location.path}' in ${location.owner}/${location.repo} is a link out of the repository`);
  }
  return real;
}
