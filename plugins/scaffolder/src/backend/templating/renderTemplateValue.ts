import type { TemplateSandbox } from './TemplateSandbox.ts';

// One `${{ … }}` and nothing else but spaces: its value keeps its type.
const WHOLE_EXPRESSION = /^\s*\$\{\{((?:(?!\}\}|\$\{\{)[\s\S])*)\}\}\s*$/;
const HAS_EXPRESSION = /\$\{\{/;

/**
 * Renders every string in a step's input (or a template's output) once.
 * Values from the context — what users typed, what steps returned — are
 * data: they are substituted, never rendered again, so a user who types
 * `${{ … }}` gets those characters, not their evaluation.
 */
export function renderTemplateValue(value: unknown, sandbox: TemplateSandbox, context: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    if (!HAS_EXPRESSION.test(value)) return value;
    const whole = WHOLE_EXPRESSION.exec(value);
    if (whole) return sandbox.evaluate(whole[1] ?? '', context);
    return sandbox.renderString(value, context);
  }
  if (Array.isArray(value)) return value.map((item) => renderTemplateValue(item, sandbox, context));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renderTemplateValue(item, sandbox, context);
    return out;
  }
  return value;
}

/** Whether a step's or link's `if` holds: rendered like any input, then judged as Backstage does. */
export function isConditionMet(condition: unknown, sandbox: TemplateSandbox, context: Record<string, unknown>): boolean {
  if (condition === undefined) return true;
  const value = renderTemplateValue(condition, sandbox, context);
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value !== '' && value !== 'false';
  return Boolean(value);
}
