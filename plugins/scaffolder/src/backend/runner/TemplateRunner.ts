import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeZodError, InputError } from '@callboard/common';
import type { LogEvent } from '../../common/scaffolderRoutes.ts';
import type { TemplateEntityV1beta3, TemplateStep } from '../../common/templateEntity.ts';
import type { ActionRegistry } from '../actions/ActionRegistry.ts';
import type { ActionContext, TemplateInfo } from '../actions/createTemplateAction.ts';
import { isConditionMet, renderTemplateValue } from '../templating/renderTemplateValue.ts';
import type { TemplateSandbox } from '../templating/TemplateSandbox.ts';
import { createSecretMasker, maskValue } from './maskSecrets.ts';

export type StepStatus = NonNullable<LogEvent['body']['status']>;

export interface RunEvent {
  message: string;
  stepId?: string;
  status?: StepStatus;
}

export interface TemplateRunOptions {
  template: TemplateEntityV1beta3;
  values: Record<string, unknown>;
  secrets?: Record<string, string>;
  templateInfo: TemplateInfo;
  user?: { ref?: string; entity?: unknown };
  workspacePath: string;
  isDryRun: boolean;
  signal?: AbortSignal;
  /** Every log line and status change, secrets already masked. */
  emit(event: RunEvent): void;
}

export interface TemplateRunResult {
  status: 'completed' | 'failed' | 'cancelled';
  output: Record<string, unknown>;
  /** Which step failed and why, when one did. */
  error?: { stepId: string; message: string };
}

/** Step ids default to their position, so a template without ids still runs. */
export function stepIdOf(step: TemplateStep, index: number): string {
  return step.id ?? `step-${index + 1}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a template's steps in order in one workspace: renders each step's
 * input against the parameters and earlier outputs, validates it with the
 * action's schema, and runs the action. The first failing step ends the run
 * and is named in the result.
 */
export class TemplateRunner {
  constructor(
    private readonly actions: ActionRegistry,
    private readonly sandbox: TemplateSandbox,
  ) {}

  /** Fails before anything runs when a step names an action that is not installed. */
  checkActions(template: TemplateEntityV1beta3): void {
    const missing = template.spec.steps.filter((s) => !this.actions.has(s.action)).map((s) => s.action);
    if (missing.length > 0) {
      throw new InputError(
        `This template uses actions that are not installed: ${[...new Set(missing)].join(', ')}. GET /api/scaffolder/v2/actions lists the installed ones`,
      );
    }
  }

  async run(options: TemplateRunOptions): Promise<TemplateRunResult> {
    const mask = createSecretMasker(options.secrets ?? {});
    const emit = (event: RunEvent) => options.emit({ ...event, message: mask(event.message) });
    const signal = options.signal ?? new AbortController().signal;
    const steps: Record<string, { output: Record<string, unknown> }> = {};
    const baseContext = () => ({
      parameters: options.values,
      steps,
      secrets: options.secrets ?? {},
      user: { ref: options.user?.ref, entity: options.user?.entity },
    });

    for (const [index, step] of options.template.spec.steps.entries()) {
      const stepId = stepIdOf(step, index);
      const label = step.name ?? stepId;
      if (signal.aborted) {
        emit({ stepId, status: 'cancelled', message: `Cancelled before step ${label}` });
        return { status: 'cancelled', output: {} };
      }
      try {
        if (!isConditionMet(step.if, this.sandbox, baseContext())) {
          emit({ stepId, status: 'skipped', message: `Skipping step ${label}: its 'if' condition is false` });
          continue;
        }
        const action = this.actions.get(step.action);
        if (options.isDryRun && !action.supportsDryRun) {
          emit({ stepId, status: 'skipped', message: `Skipping step ${label}: ${action.id} does not support dry-run` });
          continue;
        }
        emit({ stepId, status: 'processing', message: `Beginning step ${label}` });
        const iterations = this.iterations(step, baseContext());
        const output: Record<string, unknown> = {};
        for (const each of iterations) {
          const context = each === undefined ? baseContext() : { ...baseContext(), each };
          const rendered = renderTemplateValue(step.input ?? {}, this.sandbox, context);
          if (options.isDryRun) {
            // What the step would get is what a template author debugs in the editor; secrets are masked by emit.
            emit({ stepId, message: `Running ${action.id} with input: ${JSON.stringify(rendered, undefined, 2)}` });
          }
          const parsed = action.schema.input.safeParse(rendered);
          if (!parsed.success) {
            throw new InputError(`Invalid input for ${action.id}: ${describeZodError(parsed.error, 'input')}`);
          }
          const stepOutput = await this.runAction(action.id, parsed.data, options, stepId, emit, signal);
          for (const [name, value] of Object.entries(stepOutput)) {
            // Outputs of an `each` step are lists, one entry per item.
            if (each === undefined) output[name] = value;
            else output[name] = [...((output[name] as unknown[] | undefined) ?? []), value];
          }
        }
        steps[stepId] = { output };
        emit({ stepId, status: 'completed', message: `Finished step ${label}` });
      } catch (error) {
        if (signal.aborted) {
          emit({ stepId, status: 'cancelled', message: `Step ${label} was cancelled` });
          return { status: 'cancelled', output: {} };
        }
        const message = mask(errorMessage(error));
        emit({ stepId, status: 'failed', message: `Step ${label} (${step.action}) failed: ${message}` });
        return { status: 'failed', output: {}, error: { stepId, message } };
      }
    }

    try {
      // The output is stored and shown; a template that echoes a secret into it must not leak it.
      const output = maskValue(this.renderOutput(options.template, baseContext()), mask) as Record<string, unknown>;
      return { status: 'completed', output };
    } catch (error) {
      const message = mask(errorMessage(error));
      emit({ message: `Rendering the template's output failed: ${message}` });
      return { status: 'failed', output: {}, error: { stepId: 'output', message } };
    }
  }

  private iterations(step: TemplateStep, context: Record<string, unknown>): ({ key: string | number; value: unknown } | undefined)[] {
    if (step.each === undefined) return [undefined];
    const items = renderTemplateValue(step.each, this.sandbox, context);
    if (Array.isArray(items)) return items.map((value, key) => ({ key, value }));
    if (typeof items === 'object' && items !== null) return Object.entries(items).map(([key, value]) => ({ key, value }));
    throw new InputError(`'each' must render to a list or a mapping, got ${items === undefined ? 'nothing' : typeof items}`);
  }

  private async runAction(
    actionId: string,
    input: unknown,
    options: TemplateRunOptions,
    stepId: string,
    emit: (event: RunEvent) => void,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const action = this.actions.get(actionId);
    const output: Record<string, unknown> = {};
    const temporary: string[] = [];
    const log = (level: string) => (first: unknown, ...rest: unknown[]) => {
      const text = typeof first === 'string' ? first : typeof rest[0] === 'string' ? (rest[0] as string) : JSON.stringify(first);
      emit({ stepId, message: level === 'info' ? text : `${level}: ${text}` });
    };
    const ctx: ActionContext<unknown> = {
      input,
      workspacePath: options.workspacePath,
      logger: { info: log('info'), warn: log('warning'), error: log('error'), debug: log('debug') } as ActionContext<unknown>['logger'],
      output: (name, value) => {
        output[name] = value;
      },
      secrets: options.secrets ?? {},
      isDryRun: options.isDryRun,
      signal,
      templateInfo: options.templateInfo,
      user: { ...(options.user?.ref ? { ref: options.user.ref } : {}) },
      async createTemporaryDirectory() {
        const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'callboard-step-'));
        temporary.push(dir);
        return dir;
      },
    };
    try {
      await action.handler(ctx);
    } finally {
      await Promise.all(temporary.map((dir) => fs.promises.rm(dir, { recursive: true, force: true })));
    }
    return output;
  }

  private renderOutput(template: TemplateEntityV1beta3, context: Record<string, unknown>): Record<string, unknown> {
    const spec = template.spec.output;
    if (!spec) return {};
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(spec)) {
      if ((key === 'links' || key === 'text') && Array.isArray(value)) {
        result[key] = value
          .filter((item: Record<string, unknown>) => isConditionMet(item.if, this.sandbox, context))
          .map((item: Record<string, unknown>) => {
            const { if: _condition, ...rest } = item;
            return renderTemplateValue(rest, this.sandbox, context);
          });
      } else {
        result[key] = renderTemplateValue(value, this.sandbox, context);
      }
    }
    return result;
  }
}
