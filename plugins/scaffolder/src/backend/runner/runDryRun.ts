import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '@callboard/common';
import type { DirectoryEntry, DryRunResponse, LogEvent } from '../../common/scaffolderRoutes.ts';
import { parameterPages, parseTemplateEntity } from '../../common/templateEntity.ts';
import { resolveSafePath, UnsafePathError } from '../workspace/resolveSafePath.ts';
import { readDirectory } from '../workspace/readDirectory.ts';
import { stepIdOf, type TemplateRunner } from './TemplateRunner.ts';
import { validateParameters } from './validateParameters.ts';

export interface DryRunRequest {
  template: unknown;
  values: Record<string, unknown>;
  secrets?: Record<string, string> | undefined;
  /** The template's folder (its skeletons), as Backstage's editor sends it. */
  directoryContents: DirectoryEntry[];
  /** Where in directoryContents the template file sits; the root when absent. */
  templatePath?: string | undefined;
}

async function writeContents(dir: string, entries: readonly DirectoryEntry[]): Promise<void> {
  for (const entry of entries) {
    let target: string;
    try {
      target = resolveSafePath(dir, entry.path, 'directoryContents path');
    } catch (error) {
      if (error instanceof UnsafePathError) throw new InputError(error.message);
      throw error;
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.writeFile(target, Buffer.from(entry.base64Content, 'base64'), { mode: entry.executable ? 0o755 : 0o644 });
  }
}

/**
 * Runs a template without side effects: its files are written to a fresh
 * temporary folder, actions that cannot keep their effects in the workspace
 * are skipped, and the workspace's files come back with the log.
 */
export async function runDryRun(
  runner: TemplateRunner,
  request: DryRunRequest,
  user: { ref?: string },
): Promise<DryRunResponse> {
  const parsed = parseTemplateEntity(request.template);
  if (!parsed.ok) throw new InputError(`The template is not a valid v1beta3 Template: ${parsed.problems.join('; ')}`);
  const template = parsed.template;
  runner.checkActions(template);
  const problems = validateParameters(parameterPages(template), request.values);
  if (problems.length > 0) {
    throw new InputError(`The values do not fit the template's parameters: ${problems.join('; ')}`, {
      issues: problems.map((p) => ({ path: 'values', message: p })),
    });
  }

  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'callboard-dry-run-'));
  try {
    const contentsDir = path.join(root, 'template');
    const workspacePath = path.join(root, 'workspace');
    await fs.promises.mkdir(contentsDir);
    await fs.promises.mkdir(workspacePath);
    await writeContents(contentsDir, request.directoryContents);
    let templateDir: string;
    try {
      templateDir = resolveSafePath(contentsDir, request.templatePath ?? '.', 'templatePath');
    } catch (error) {
      throw new InputError(error instanceof Error ? error.message : String(error));
    }

    const log: LogEvent[] = [];
    const result = await runner.run({
      template,
      values: request.values,
      secrets: request.secrets ?? {},
      templateInfo: { baseUrl: `${pathToFileURL(templateDir).href}/`, readRoot: contentsDir },
      user,
      workspacePath,
      isDryRun: true,
      emit: (event) =>
        log.push({
          body: {
            message: event.message,
            ...(event.stepId ? { stepId: event.stepId } : {}),
            ...(event.status ? { status: event.status } : {}),
          },
          createdAt: new Date().toISOString(),
        }),
    });
    const files = await readDirectory(workspacePath);
    return {
      log,
      directoryContents: files.map((f) => ({
        path: f.path,
        base64Content: f.content.toString('base64'),
        ...(f.executable ? { executable: true } : {}),
      })),
      output: result.output,
      steps: template.spec.steps.map((step, index) => ({
        id: stepIdOf(step, index),
        name: step.name ?? stepIdOf(step, index),
        action: step.action,
        ...(step.input ? { input: step.input } : {}),
        ...(step.if !== undefined ? { if: step.if } : {}),
        ...(step.each !== undefined ? { each: step.each } : {}),
      })),
    };
  } finally {
    await fs.promises.rm(root, { recursive: true, force: true });
  }
}
