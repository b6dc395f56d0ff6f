import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '@callboard/common';

export interface GitRemote {
  /** What git is given. */
  url: string;
  /** The transport, for GIT_ALLOW_PROTOCOL. */
  protocol: 'https' | 'http' | 'ssh' | 'file';
}

const USAGE = 'use an https URL, an ssh remote such as git@github.com:org/repo.git, or an absolute path';
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)[^\s]+$/;

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * Accepts the remotes a catalog location may name and turns local paths
 * into file:// URLs, because git ignores --depth for plain-path clones.
 * Shared by every plugin that talks to a remote, so a URL with credentials
 * or an unexpected transport is refused the same way everywhere.
 */
export function parseGitRemote(remote: string, options: { allowHttp?: boolean } = {}): GitRemote {
  const trimmed = remote.trim();
  // A leading dash would be read as an option by git.
  if (!trimmed || trimmed.startsWith('-') || /[\0\n\r]/.test(trimmed)) {
    throw new InputError(`'${remote}' is not a git remote Callboard can mirror: ${USAGE}`);
  }
  if (SCP_LIKE.test(trimmed)) return { url: trimmed, protocol: 'ssh' };
  if (path.isAbsolute(trimmed)) return { url: pathToFileURL(trimmed).href, protocol: 'file' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InputError(`'${remote}' is not a git remote Callboard can mirror: ${USAGE}`);
  }
  switch (url.protocol) {
    case 'https:':
      if (url.username || url.password) {
        throw new InputError(
          `The git remote ${url.protocol}//${url.host}${url.pathname} carries credentials; remove them from the URL (they would be stored and shown with the location)`,
        );
      }
      return { url: url.href, protocol: 'https' };
    case 'http:':
      if (options.allowHttp && isLoopback(url.hostname) && !url.username && !url.password) {
        return { url: url.href, protocol: 'http' };
      }
      throw new InputError(`The git remote ${url.href} uses http, which is not accepted: ${USAGE}`);
    case 'ssh:':
      if (url.password) throw new InputError(`The git remote ${url.protocol}//${url.host}${url.pathname} carries a password; use an ssh key`);
      return { url: url.href, protocol: 'ssh' };
    case 'file:':
      return { url: url.href, protocol: 'file' };
    default:
      throw new InputError(`The git remote '${remote}' uses ${url.protocol.replace(/:$/, '')}, which is not accepted: ${USAGE}`);
  }
}

const BAD_BRANCH = /(^[-/.])|([/.]$)|\.\.|\/\/|@\{|[\s~^:?*[\\\x00-\x1f\x7f]|\.lock(\/|$)/;

export function checkBranchName(branch: string): void {
  if (!branch || BAD_BRANCH.test(branch)) {
    throw new InputError(`'${branch}' is not a valid git branch name`);
  }
}

/** GIT_ALLOW_PROTOCOL for a parsed remote: http only for the remotes parseGitRemote let through as http. */
export function allowedGitProtocols(remote: GitRemote): string {
  return ['https', 'ssh', 'file', ...(remote.protocol === 'http' ? ['http'] : [])].join(':');
}
