import type { z } from 'zod';
import type { LoggerService } from '@callboard/backend-plugin-api';

/** What a step's action sees while it runs. */
export interface ActionContext<TInput> {
  /** The step's input, rendered and validated against the action's schema. */
  input: TInput;
  /** The task's own folder; every path an action writes must stay inside it. */
  workspacePath: string;
  /** Lines go to the task's log, with secrets masked. */
  logger: Pick<LoggerService, 'info' | 'warn' | 'error' | 'debug'>;
  /** Records one named output of the step, read later as steps['id'].output.name. */
  output(name: string, value: unknown): void;
  /** Secrets the user gave for this task; never logged, never stored in clear. */
  secrets: Readonly<Record<string, string>>;
  /** True in dry-run: no side effect may leave the workspace. */
  isDryRun: boolean;
  /** Aborted when the task is cancelled or the run gives up. */
  signal: AbortSignal;
  /** The template's location, for resolving relative URLs such as ./skeleton. */
  templateInfo: TemplateInfo;
  /** The user the task runs for. */
  user: { ref?: string };
  /** A folder that is removed after the step, for actions that need scratch space. */
  createTemporaryDirectory(): Promise<string>;
}

export interface TemplateInfo {
  /** A file: URL of the folder the template file sits in, when it is local. */
  baseUrl?: string;
  /** Local templates may read files only under this folder. */
  readRoot?: string;
  entityRef?: string;
}

export interface TemplateAction<TInput = any> {
  id: string;
  description?: string;
  schema: { input: z.ZodType<TInput>; output?: z.ZodType };
  examples?: { description: string; example: string }[];
  /** Whether the action keeps its effects inside the workspace when isDryRun is set. */
  supportsDryRun?: boolean;
  handler(ctx: ActionContext<TInput>): Promise<void>;
}

const ACTION_ID = /^[a-z0-9]+([:._-][a-zA-Z0-9]+)*$/;

/** Declares an action; its input schema is also what GET /v2/actions shows. */
export function createTemplateAction<S extends z.ZodType>(action: {
  id: string;
  description?: string;
  schema: { input: S; output?: z.ZodType };
  examples?: { description: string; example: string }[];
  supportsDryRun?: boolean;
  handler(ctx: ActionContext<z.output<S>>): Promise<void>;
}): TemplateAction<z.output<S>> {
  if (!ACTION_ID.test(action.id)) {
    throw new TypeError(`Action id '${action.id}' must look like 'fetch:template' or 'acme:deploy'`);
  }
  return action as unknown as TemplateAction<z.output<S>>;
}
