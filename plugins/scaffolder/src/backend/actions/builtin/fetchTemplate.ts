import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '@callboard/common';
import type { TemplateSandbox } from '../../templating/TemplateSandbox.ts';
import { resolveSafePath } from '../../workspace/resolveSafePath.ts';
import { createTemplateAction } from '../createTemplateAction.ts';
import type { GithubPublishTarget } from '../../github/githubIntegrations.ts';
import { fetchTemplateSource } from '../fetchContents.ts';
import { createGlobMatcher } from '../globMatcher.ts';

const inputSchema = z.object({
  url: z.string().min(1).describe('The skeleton folder, relative to the template (./skeleton) or a GitHub tree URL'),
  targetPath: z.string().default('./').describe('Where in the workspace to write, relative to it'),
  values: z.record(z.string(), z.unknown()).default({}).describe('Values the skeleton reads as values.*'),
  copyWithoutRender: z.array(z.string()).optional().describe('Globs of files copied as they are, names included (deprecated)'),
  copyWithoutTemplating: z.array(z.string()).optional().describe('Globs of files whose contents are copied as they are; names are still rendered'),
  cookiecutterCompat: z.boolean().optional().describe('Render {{ cookiecutter.x }} as well, for skeletons written for cookiecutter'),
  templateFileExtension: z
    .union([z.string(), z.boolean()])
    .optional()
    .describe('Render only files with this extension (true means .njk) and drop it from their names'),
  replace: z.boolean().optional().describe('Overwrite files that already exist in the workspace'),
});

/** Binary files (images, jars) are copied byte for byte. */
function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

export function createFetchTemplateAction(options: { sandbox: TemplateSandbox; githubTargets?: readonly GithubPublishTarget[] }) {
  const { sandbox } = options;
  const githubTargets = options.githubTargets ?? [];
  return createTemplateAction({
    id: 'fetch:template',
    description: "Renders a skeleton folder into the workspace: file contents, file names and folder names are templates over 'values'.",
    schema: { input: inputSchema },
    supportsDryRun: true,
    async handler(ctx) {
      const { input } = ctx;
      if (input.copyWithoutRender && input.copyWithoutTemplating) {
        throw new InputError('Give copyWithoutRender or copyWithoutTemplating, not both');
      }
      const extension =
        input.templateFileExtension === true ? '.njk' : typeof input.templateFileExtension === 'string' ? input.templateFileExtension : undefined;
      if (extension !== undefined && !extension.startsWith('.')) {
        throw new InputError(`templateFileExtension '${extension}' must start with a dot, e.g. .njk`);
      }
      const source = await fetchTemplateSource(ctx, input.url, githubTargets);
      const outputDir = resolveSafePath(ctx.workspacePath, input.targetPath, 'targetPath');
      const keepAsIs = createGlobMatcher(input.copyWithoutRender ?? []);
      const keepContents = createGlobMatcher(input.copyWithoutTemplating ?? []);
      const context = input.cookiecutterCompat ? { values: input.values, cookiecutter: input.values } : { values: input.values };
      const syntax = input.cookiecutterCompat ? ('plain' as const) : ('dollar' as const);

      const stat = await fs.promises.stat(source);
      const files = stat.isDirectory() ? await listFiles(source) : [path.basename(source)];
      const sourceDir = stat.isDirectory() ? source : path.dirname(source);
      ctx.logger.info(`Rendering ${files.length} file${files.length === 1 ? '' : 's'} from ${input.url} into ${input.targetPath}`);

      let written = 0;
      for (const relative of files) {
        const from = path.join(sourceDir, relative);
        const lstat = await fs.promises.lstat(from);
        if (lstat.isSymbolicLink()) {
          // A link in a skeleton could point anywhere on the server.
          ctx.logger.warn(`Skipping symbolic link ${relative} in the skeleton`);
          continue;
        }
        const asIs = keepAsIs(relative);
        let renderedPath = asIs ? relative : sandbox.renderString(relative, context, { syntax });
        let renderContents = !asIs && !keepContents(relative);
        if (extension !== undefined) {
          if (renderedPath.endsWith(extension)) renderedPath = renderedPath.slice(0, -extension.length);
          else renderContents = false;
        }
        // A name with a part that renders to nothing (a folder behind a false condition) is left out.
        if (!renderedPath || renderedPath.split('/').some((part) => part.trim() === '')) {
          ctx.logger.info(`Leaving out ${relative}: part of its name renders to nothing`);
          continue;
        }
        // outputDir is inside the workspace, so a path inside outputDir is too.
        const target = resolveSafePath(outputDir, renderedPath, `skeleton file '${relative}' rendered as`);
        if (!input.replace && fs.existsSync(target)) {
          ctx.logger.info(`Keeping existing ${path.relative(ctx.workspacePath, target)} (replace is not set)`);
          continue;
        }
        const content = await fs.promises.readFile(from);
        const out = renderContents && !looksBinary(content) ? sandbox.renderString(content.toString('utf8'), context, { syntax }) : content;
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.writeFile(target, out, { mode: lstat.mode & 0o777 });
        written++;
      }
      ctx.logger.info(`Wrote ${written} file${written === 1 ? '' : 's'}`);
    },
  });
}
