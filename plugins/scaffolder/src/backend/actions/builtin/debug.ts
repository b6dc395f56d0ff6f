import fs from 'node:fs';
import { z } from 'zod';
import { InputError } from '@callboard/common';
import { createTemplateAction } from '../createTemplateAction.ts';

export function createDebugLogAction() {
  return createTemplateAction({
    id: 'debug:log',
    description: 'Writes a message to the task log, and optionally lists the workspace.',
    schema: {
      input: z.object({
        message: z.string().optional().describe('Written to the log'),
        listWorkspace: z.union([z.boolean(), z.enum(['with-filenames', 'with-contents'])]).optional().describe('List the workspace files'),
        extra: z.unknown().optional().describe('Any value; written to the log as JSON'),
      }),
    },
    supportsDryRun: true,
    async handler(ctx) {
      if (ctx.input.message !== undefined) ctx.logger.info(ctx.input.message);
      if (ctx.input.extra !== undefined) ctx.logger.info(JSON.stringify(ctx.input.extra, undefined, 2));
      if (ctx.input.listWorkspace) {
        const files = (await fs.promises.readdir(ctx.workspacePath, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => `${e.parentPath.slice(ctx.workspacePath.length + 1)}${e.parentPath === ctx.workspacePath ? '' : '/'}${e.name}`)
          .sort();
        const withContents = ctx.input.listWorkspace === 'with-contents';
        for (const file of files) {
          ctx.logger.info(withContents ? `${file}:\n${await fs.promises.readFile(`${ctx.workspacePath}/${file}`, 'utf8')}` : file);
        }
      }
    },
  });
}

const MAX_WAIT_MS = 10 * 60 * 1000;

export function createDebugWaitAction() {
  return createTemplateAction({
    id: 'debug:wait',
    description: 'Waits for a while; useful to try cancelling and the live log.',
    schema: {
      input: z.object({
        minutes: z.number().nonnegative().optional(),
        seconds: z.number().nonnegative().optional(),
        milliseconds: z.number().nonnegative().optional(),
      }),
    },
    supportsDryRun: true,
    async handler(ctx) {
      const ms = (ctx.input.minutes ?? 0) * 60_000 + (ctx.input.seconds ?? 0) * 1000 + (ctx.input.milliseconds ?? 0);
      if (ms > MAX_WAIT_MS) throw new InputError(`debug:wait waits at most 10 minutes; asked for ${Math.round(ms / 1000)} s`);
      ctx.logger.info(`Waiting ${ms} ms`);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        ctx.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('Cancelled'));
          },
          { once: true },
        );
      });
    },
  });
}
