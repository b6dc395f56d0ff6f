import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '@callboard/common';
import { UnsafePathError } from '../workspace/resolveSafePath.ts';
import type { TemplateInfo } from './createTemplateAction.ts';

/**
 * Where a skeleton URL such as `./skeleton` points: a local file or folder
 * next to the template. Reading is confined to the template's read root, so
 * a template cannot copy `../../../etc` into a repository.
 */
export function resolveTemplateSource(templateInfo: TemplateInfo, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('file:')) {
    throw new InputError(
      `Fetching '${url}' is not supported yet: Callboard reads skeletons from the template's own folder (relative URLs such as ./skeleton)`,
    );
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
