import { z } from 'zod';
import { InputError } from '@callboard/common';
import type { ActionDescription } from '../../common/scaffolderRoutes.ts';
import type { TemplateAction } from './createTemplateAction.ts';

/** The actions a task may use: built-in ones plus those other plugins add. */
export class ActionRegistry {
  private readonly actions = new Map<string, TemplateAction>();

  static create(actions: readonly TemplateAction[]): ActionRegistry {
    const registry = new ActionRegistry();
    for (const action of actions) registry.register(action);
    return registry;
  }

  register(action: TemplateAction): void {
    if (this.actions.has(action.id)) {
      throw new TypeError(`Scaffolder action '${action.id}' is registered twice; each action id must be unique`);
    }
    this.actions.set(action.id, action);
  }

  has(id: string): boolean {
    return this.actions.has(id);
  }

  get(id: string): TemplateAction {
    const action = this.actions.get(id);
    if (!action) {
      throw new InputError(`Template action '${id}' is not installed; GET /api/scaffolder/v2/actions lists the installed ones`);
    }
    return action;
  }

  list(): TemplateAction[] {
    return [...this.actions.values()];
  }

  describe(): ActionDescription[] {
    return this.list().map((action) => ({
      id: action.id,
      ...(action.description ? { description: action.description } : {}),
      schema: {
        input: toJsonSchema(action.schema.input),
        ...(action.schema.output ? { output: toJsonSchema(action.schema.output) } : {}),
      },
      ...(action.examples ? { examples: action.examples } : {}),
    }));
  }
}

function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // 'input' shows what a template may write (defaults make fields optional).
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
