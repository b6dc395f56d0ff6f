import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '@callboard/common';
import { resolveSafePath } from '../../workspace/resolveSafePath.ts';
import { createTemplateAction } from '../createTemplateAction.ts';
import type { GithubPublishTarget } from '../../github/githubIntegrations.ts';
import { fetchTemplateSource } from '../fetchContents.ts';

async function copyTree(from: string, to: string, workspace: string, warn: (m: string) => void): Promise<number> {
  let count = 0;
  const entries = await fs.promises.readdir(from, { withFileTypes: true });
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    const target = resolveSafePath(workspace, path.relative(workspace, path.join(to, entry.name)), 'file');
    if (entry.isSymbolicLink()) {
      warn(`Skipping symbolic link ${entry.name}`);
    } else if (entry.isDirectory()) {
      await fs.promises.mkdir(target, { recursive: true });
      count += await copyTree(source, target, workspace, warn);
    } else if (entry.isFile()) {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.copyFile(source, target);
      count++;
    }
  }
  return count;
}

export function createFetchPlainAction(options: { githubTargets?: readonly GithubPublishTarget[] } = {}) {
  return createTemplateAction({
    id: 'fetch:plain',
    description: 'Copies a folder next to the template into the workspace as it is, without rendering.',
    schema: {
      input: z.object({
        url: z.string().min(1).describe('The folder, relative to the template, e.g. ./static'),
        targetPath: z.string().default('./').describe('Where in the workspace to copy to'),
      }),
    },
    supportsDryRun: true,
    async handler(ctx) {
      const source = await fetchTemplateSource(ctx, ctx.input.url, options.githubTargets ?? []);
      const target = resolveSafePath(ctx.workspacePath, ctx.input.targetPath, 'targetPath');
      if (!(await fs.promises.stat(source)).isDirectory()) {
        throw new InputError(`fetch:plain copies folders; '${ctx.input.url}' is a file (use fetch:plain:file)`);
      }
      await fs.promises.mkdir(target, { recursive: true });
      const count = await copyTree(source, target, ctx.workspacePath, (m) => ctx.logger.warn(m));
      ctx.logger.info(`Copied ${count} files from ${ctx.input.url} to ${ctx.input.targetPath}`);
    },
  });
}

export function createFetchPlainFileAction(options: { githubTargets?: readonly GithubPublishTarget[] } = {}) {
  return createTemplateAction({
    id: 'fetch:plain:file',
    description: 'Copies one file next to the template into the workspace as it is.',
    schema: {
      input: z.object({
        url: z.string().min(1).describe('The file, relative to the template'),
        targetPath: z.string().min(1).describe('The file to write, relative to the workspace'),
      }),
    },
    supportsDryRun: true,
    async handler(ctx) {
      const source = await fetchTemplateSource(ctx, ctx.input.url, options.githubTargets ?? []);
      if (!(await fs.promises.stat(source)).isFile()) {
        throw new InputError(`fetch:plain:file copies one file; '${ctx.input.url}' is not a file`);
      }
      const target = resolveSafePath(ctx.workspacePath, ctx.input.targetPath, 'targetPath');
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.copyFile(source, target);
      ctx.logger.info(`Copied ${ctx.input.url} to ${ctx.input.targetPath}`);
    },
  });
}
