import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActionContext, TemplateAction } from '../actions/createTemplateAction.ts';

export interface ActionRun {
  logs: string[];
  output: Record<string, unknown>;
}

/** Runs one action the way the runner would, with its input parsed by the action's schema. */
export async function runAction(
  action: TemplateAction,
  input: unknown,
  options: { workspacePath: string; templateDir?: string; readRoot?: string; baseUrl?: string; isDryRun?: boolean; signal?: AbortSignal; secrets?: Record<string, string> },
): Promise<ActionRun> {
  const logs: string[] = [];
  const output: Record<string, unknown> = {};
  const log = (m: unknown) => logs.push(String(m));
  const ctx: ActionContext<unknown> = {
    input: action.schema.input.parse(input),
    workspacePath: options.workspacePath,
    logger: { info: log, warn: log, error: log, debug: log } as ActionContext<unknown>['logger'],
    output: (name, value) => {
      output[name] = value;
    },
    secrets: options.secrets ?? {},
    isDryRun: options.isDryRun ?? false,
    signal: options.signal ?? new AbortController().signal,
    templateInfo: options.templateDir
      ? { baseUrl: `${pathToFileURL(options.templateDir).href}/`, readRoot: options.readRoot ?? options.templateDir }
      : options.baseUrl
        ? { baseUrl: options.baseUrl }
        : {},
    user: {},
    createTemporaryDirectory: () => fs.promises.mkdtemp(path.join(os.tmpdir(), 'callboard-test-step-')),
  };
  await action.handler(ctx);
  return { logs, output };
}

/** A temporary folder with `files` in it. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-scaffolder-test-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.split(path.sep).includes('.git')) continue;
    out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return out;
}
