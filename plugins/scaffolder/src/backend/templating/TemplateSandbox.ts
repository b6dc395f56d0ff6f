import fs from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { SANDBOX_SOURCE } from './sandboxSource.ts';

/** A template tried to reach code or the host; the message says what it reached for. */
export class TemplateSandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateSandboxError';
  }
}

/** A template failed to parse or render (syntax, a filter's complaint, a timeout). */
export class TemplateRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateRenderError';
  }
}

/** `dollar`: `${{ x }}` as in template steps and skeleton files; `plain`: `{{ x }}`. */
export type TemplateSyntax = 'dollar' | 'plain';

export interface SandboxRenderOptions {
  syntax?: TemplateSyntax;
}

type RenderReply =
  | { ok: true; kind: 'text'; text: string }
  | { ok: true; kind: 'undefined' }
  | { ok: true; kind: 'value'; json: string }
  | { ok: false; violation: boolean; message: string };

const DEFAULT_TIMEOUT_MS = 2000;

let nunjucksSource: vm.Script | undefined;
let bootstrapSource: vm.Script | undefined;

function scripts(): { nunjucks: vm.Script; bootstrap: vm.Script } {
  if (!nunjucksSource || !bootstrapSource) {
    // The browser bundle is self-contained: it needs no `require`, so the
    // realm can be given none.
    const require = createRequire(import.meta.url);
    const file = require.resolve('nunjucks/browser/nunjucks.js');
    nunjucksSource = new vm.Script(fs.readFileSync(file, 'utf8'), { filename: 'nunjucks.js' });
    bootstrapSource = new vm.Script(SANDBOX_SOURCE, { filename: 'callboard-template-sandbox.js' });
  }
  return { nunjucks: nunjucksSource, bootstrap: bootstrapSource };
}

/**
 * Renders nunjucks templates in a realm of their own: a separate V8 context
 * holding nothing but nunjucks and Callboard's filters. Values go in and come
 * out as JSON text, so no host object (and no host constructor) is ever
 * reachable from a template; member lookups of constructors and prototypes
 * and names such as `process` fail with a clear error, and each render has a
 * time limit so `{% for %}` over a huge range cannot hang a worker.
 */
export class TemplateSandbox {
  private readonly context: vm.Context;
  private readonly call = new vm.Script('__callboardRender(__callboardRequest)', { filename: 'render.js' });

  private constructor(private readonly timeoutMs: number) {
    this.context = vm.createContext(Object.create(null), {
      name: 'callboard-templates',
      codeGeneration: { strings: true, wasm: false },
    });
    const { nunjucks, bootstrap } = scripts();
    nunjucks.runInContext(this.context, { timeout: 5000 });
    bootstrap.runInContext(this.context, { timeout: 5000 });
  }

  static create(options: { timeoutMs?: number } = {}): TemplateSandbox {
    return new TemplateSandbox(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /** Renders to text. */
  renderString(template: string, context: Record<string, unknown>, options: SandboxRenderOptions = {}): string {
    const reply = this.invoke({ template, context, syntax: options.syntax ?? 'dollar', typed: false });
    if (reply.kind !== 'text') throw new TemplateRenderError('Expected text from the template');
    return reply.text;
  }

  /**
   * Evaluates one expression (the inside of `${{ }}`) and returns its value
   * with its type: a number stays a number, an object an object.
   */
  evaluate(expression: string, context: Record<string, unknown>): unknown {
    const open = '$' + '{{';
    const reply = this.invoke({
      template: `${open} (${expression}) | __callboardTyped }}`,
      context,
      syntax: 'dollar',
      typed: true,
    });
    if (reply.kind === 'undefined') return undefined;
    if (reply.kind === 'value') return JSON.parse(reply.json) as unknown;
    return reply.text;
  }

  private invoke(request: { template: string; context: Record<string, unknown>; syntax: TemplateSyntax; typed: boolean }): Exclude<RenderReply, { ok: false }> {
    // Only a string crosses into the realm.
    (this.context as Record<string, unknown>).__callboardRequest = JSON.stringify(request);
    let raw: unknown;
    try {
      raw = this.call.runInContext(this.context, { timeout: this.timeoutMs });
    } catch (error) {
      if (error && typeof error === 'object' && (error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new TemplateRenderError(`Template rendering took longer than ${this.timeoutMs} ms and was stopped`);
      }
      throw new TemplateRenderError(`Template rendering failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    } finally {
      (this.context as Record<string, unknown>).__callboardRequest = undefined;
    }
    if (typeof raw !== 'string') throw new TemplateRenderError('Template rendering returned nothing');
    const reply = JSON.parse(raw) as RenderReply;
    if (!reply.ok) {
      const message = cleanMessage(reply.message);
      throw reply.violation ? new TemplateSandboxError(message) : new TemplateRenderError(message);
    }
    return reply;
  }
}

/** nunjucks prefixes "(unknown path)" and repeats "Error:"; people need the reason. */
function cleanMessage(message: string): string {
  return message
    .replace(/\(unknown path\)\s*/g, '')
    .replace(/^\s*(Template render error:\s*)?/, '')
    .replace(/\b(SandboxViolation|Error):\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
