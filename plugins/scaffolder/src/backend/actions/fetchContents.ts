import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '@callboard/common';
import { fetchGithubTree, resolveGithubUrl } from '../github/fetchGithubTree.ts';
import type { GithubPublishTarget } from '../github/githubIntegrations.ts';
import { UnsafePathError } from '../workspace/resolveSafePath.ts';
import type { ActionContext, TemplateInfo } from './createTemplateAction.ts';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The local path of what a fetch action's `url` names: a file or folder
 * beside a local template, or — for a template on GitHub, or an absolute
 * GitHub URL — a shallow checkout of that repository in the step's scratch
 * folder.
 */
export async function fetchTemplateSource(
  ctx: Pick<ActionContext<unknown>, 'templateInfo' | 'logger' | 'createTemporaryDirectory' | 'signal'>,
  url: string,
  githubTargets: readonly GithubPublishTarget[],
): Promise<string> {
  const remoteTemplate = ctx.templateInfo.baseUrl !== undefined && !ctx.templateInfo.baseUrl.startsWith('file:');
  const absolute = HAS_SCHEME.test(url) && !url.startsWith('file:');
  if (absolute || (remoteTemplate && !url.startsWith('file:'))) {
    const location = resolveGithubUrl(ctx.templateInfo.baseUrl, url);
    ctx.logger.info(`Fetching ${location.path || '/'} from ${location.owner}/${location.repo} at ${location.ref}`);
    return fetchGithubTree(location, githubTargets, await ctx.createTemporaryDirectory(), ctx.signal);
  }
  return resolveTemplateSource(ctx.templateInfo, url);
}

/**
 * Where a skeleton URL such as `./skeleton` points: a local file or folder
 * next to the template. Reading is confined to the template's read root, so
 * a template cannot copy `../../../etc` into a repository.
 */
export function resolveTemplateSource(templateInfo: TemplateInfo, url: string): string {
  if (HAS_SCHEME.test(url) && !url.startsWith('file:')) {
    throw new InputError(`'${url}' is not a local file or folder`);
  }
  if (!templateInfo.baseUrl || !templateInfo.readRoot) {
    throw new InputError(`Cannot resolve '${url}': this template has no local folder to read skeletons from`);
  }
  const baseDir = fileURLToPath(templateInfo.baseUrl);
  const target = url.startsWith('file:') ? fileURLToPath(url) : path.resolve(baseDir, url);
  const root = path.resolve(templateInfo.readRoot);
  const relative = path.relative(root, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UnsafePathError(`The template URL '${url}' leads outside the template's folder`);
  }
  if (!fs.existsSync(target)) throw new InputError(`The template URL '${url}' names nothing: ${relative} does not exist`);
  const real = fs.realpathSync(target);
  const realRoot = fs.realpathSync(root);
  const realRelative = path.relative(realRoot, real);
  if (realRelative.startsWith('..') || path.isAbsolute(realRelative)) {
    throw new UnsafePathError(`The template URL '${url}' leads outside the template's folder through a symbolic link`);
  }
  return real;
}
