import { InputError, NotAllowedError } from '@callboard/common';

/** A file in a repository at a ref, as named by a GitHub blob or tree URL. */
export interface GithubFileRef {
  owner: string;
  repo: string;
  kind: 'blob' | 'tree';
  ref: string;
  /** Decoded, slash-separated, never empty, never with `.` or `..` segments. */
  path: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

function decodeSegment(segment: string, url: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InputError(`${url} is not a valid GitHub file URL: '${segment}' is not valid percent-encoding`);
  }
}

/**
 * https://<host>/<owner>/<repo>/blob/<ref>/<path>. The ref is one path
 * segment: a branch with a slash must be written with %2F, as githubBlobUrl
 * does, because the URL alone cannot tell where such a ref ends.
 */
export function parseGithubFileUrl(url: URL): GithubFileRef {
  const [, owner, repo, kind, ref, ...rest] = url.pathname.split('/');
  const usage = `expected ${url.protocol}//${url.host}/<owner>/<repo>/blob/<ref>/<path>`;
  if (!owner || !repo || !NAME.test(owner) || !NAME.test(repo) || (kind !== 'blob' && kind !== 'tree') || !ref) {
    throw new InputError(`${url.href} is not a GitHub file URL: ${usage}`);
  }
  const segments = rest.map((s) => decodeSegment(s, url.href)).join('/').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new InputError(`${url.href} does not name a file inside the repository: ${usage}`);
  }
  return { owner, repo, kind, ref: decodeSegment(ref, url.href), path: segments.join('/') };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The browser URL of a file; `origin` is e.g. https://github.com. */
export function formatGithubFileUrl(origin: string, file: GithubFileRef): string {
  return `${origin}/${file.owner}/${file.repo}/${file.kind}/${encodeURIComponent(file.ref)}/${encodePath(file.path)}`;
}

/**
 * The blob URL of a file in a repository, from the repository's html URL as
 * the GitHub API reports it; the ref defaults to the default branch.
 */
export function githubBlobUrl(repo: { htmlUrl: string; defaultBranch: string }, path: string, ref?: string): string {
  const clean = path.replace(/^\/+/, '');
  if (!clean) throw new InputError('githubBlobUrl needs the path of a file in the repository');
  return `${repo.htmlUrl.replace(/\/+$/, '')}/blob/${encodeURIComponent(ref ?? repo.defaultBranch)}/${encodePath(clean)}`;
}

/**
 * Resolves `relative` against a GitHub file URL within the same repository
 * and ref. A leading `/` starts at the repository root, as in Backstage.
 */
export function resolveGithubRelative(base: URL, relative: string): string {
  const file = parseGithubFileUrl(base);
  const pathPart = relative.split(/[?#]/)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    throw new InputError(`Cannot resolve '${relative}' against ${base.href}: it is not valid percent-encoding`);
  }
  const stack = decoded.startsWith('/') ? [] : file.path.split('/').slice(0, -1);
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (stack.length === 0) {
        throw new NotAllowedError(
          `Resolving '${relative}' against ${base.href} leaves the repository ${file.owner}/${file.repo}; only files inside it can be referenced`,
        );
      }
      stack.pop();
    } else {
      stack.push(segment);
    }
  }
  if (stack.length === 0) {
    throw new InputError(`Resolving '${relative}' against ${base.href} names the repository root, not a file`);
  }
  return formatGithubFileUrl(`${base.protocol}//${base.host}`, { ...file, path: stack.join('/') });
}
