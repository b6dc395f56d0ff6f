import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '@callboard/common';
import { resolveSafePath } from '../../workspace/resolveSafePath.ts';
import { createTemplateAction } from '../createTemplateAction.ts';
import { createGlobMatcher } from '../globMatcher.ts';

export function createFsRenameAction() {
  return createTemplateAction({
    id: 'fs:rename',
    description: 'Renames or moves files and folders inside the workspace.',
    schema: {
      input: z.object({
        files: z
          .array(
            z.object({
              from: z.string().min(1).describe('Relative to the workspace'),
              to: z.string().min(1).describe('Relative to the workspace'),
              overwrite: z.boolean().optional().describe('Replace what is already at `to`'),
            }),
          )
          .describe('The moves, done in order'),
      }),
    },
    supportsDryRun: true,
    async handler(ctx) {
      for (const file of ctx.input.files) {
        const from = resolveSafePath(ctx.workspacePath, file.from, 'fs:rename source');
        const to = resolveSafePath(ctx.workspacePath, file.to, 'fs:rename destination');
        if (!fs.existsSync(from)) throw new InputError(`fs:rename: '${file.from}' does not exist in the workspace`);
        if (fs.existsSync(to)) {
          if (!file.overwrite) throw new InputError(`fs:rename: '${file.to}' already exists; set overwrite: true to replace it`);
          await fs.promises.rm(to, { recursive: true, force: true });
        }
        await fs.promises.mkdir(path.dirname(to), { recursive: true });
        await fs.promises.rename(from, to);
        ctx.logger.info(`Renamed ${file.from} to ${file.to}`);
      }
    },
  });
}

export function createFsDeleteAction() {
  return createTemplateAction({
    id: 'fs:delete',
    description: 'Deletes files and folders in the workspace; entries may be globs.',
    schema: { input: z.object({ files: z.array(z.string().min(1)).describe('Paths or globs relative to the workspace') }) },
    supportsDryRun: true,
    async handler(ctx) {
      const entries = await fs.promises.readdir(ctx.workspacePath, { recursive: true });
      const all = entries.map((e) => String(e).split(path.sep).join('/'));
      for (const pattern of ctx.input.files) {
        // Validates the literal path too, so '../x' fails loudly rather than matching nothing.
        resolveSafePath(ctx.workspacePath, pattern, 'fs:delete path');
        const matches = createGlobMatcher([pattern]);
        const hits = all.filter((p) => matches(p) && !all.some((q) => q !== p && p.startsWith(`${q}/`) && matches(q)));
        for (const hit of hits) {
          await fs.promises.rm(resolveSafePath(ctx.workspacePath, hit, 'fs:delete path'), { recursive: true, force: true });
          ctx.logger.info(`Deleted ${hit}`);
        }
      }
    },
  });
}
