import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseTemplateEntity, type TemplateEntityV1beta3 } from '../../common/templateEntity.ts';
import { ActionRegistry } from '../actions/ActionRegistry.ts';
import { createTemplateAction } from '../actions/createTemplateAction.ts';
import { createDebugLogAction } from '../actions/builtin/debug.ts';
import { TemplateSandbox } from '../templating/TemplateSandbox.ts';
import { tempDir } from '../testing/runAction.ts';
import { TemplateRunner, type RunEvent } from './TemplateRunner.ts';

const calls: unknown[] = [];
const echo = createTemplateAction({
  id: 'test:echo',
  schema: { input: z.object({ value: z.unknown(), count: z.number().optional() }) },
  supportsDryRun: true,
  async handler(ctx) {
    calls.push(ctx.input);
    ctx.logger.info(`echo ${JSON.stringify(ctx.input.value)}`);
    ctx.output('value', ctx.input.value);
  },
});
const fail = createTemplateAction({
  id: 'test:fail',
  schema: { input: z.object({ reason: z.string() }) },
  supportsDryRun: true,
  async handler(ctx) {
    throw new Error(ctx.input.reason);
  },
});
const sideEffect = createTemplateAction({
  id: 'test:side-effect',
  schema: { input: z.object({}) },
  async handler(ctx) {
    ctx.output('done', true);
  },
});

const runner = new TemplateRunner(ActionRegistry.create([echo, fail, sideEffect, createDebugLogAction()]), TemplateSandbox.create());
const workspaces: string[] = [];
afterAll(() => workspaces.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function template(spec: Record<string, unknown>): TemplateEntityV1beta3 {
  const parsed = parseTemplateEntity({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'test' },
    spec: { type: 'service', ...spec },
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.template;
}

async function run(t: TemplateEntityV1beta3, values: Record<string, unknown>, options: { secrets?: Record<string, string>; isDryRun?: boolean } = {}) {
  const events: RunEvent[] = [];
  const workspacePath = tempDir();
  workspaces.push(workspacePath);
  const result = await runner.run({
    template: t,
    values,
    templateInfo: {},
    workspacePath,
    isDryRun: options.isDryRun ?? false,
    user: { ref: 'user:default/ann' },
    emit: (e) => events.push(e),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  return { result, events };
}

describe('TemplateRunner', () => {
  it('passes outputs between steps, keeps types, honours if and each, and renders the output', async () => {
    calls.length = 0;
    const t = template({
      steps: [
        { id: 'first', action: 'test:echo', input: { value: { name: '${{ parameters.name }}', n: '${{ parameters.n }}' } } },
        { id: 'second', action: 'test:echo', input: { value: '${{ steps.first.output.value.name }}-${{ user.ref }}', count: '${{ parameters.n }}' } },
        { id: 'skipped', if: '${{ parameters.n > 10 }}', action: 'test:fail', input: { reason: 'should not run' } },
        { id: 'loop', each: '${{ parameters.items }}', action: 'test:echo', input: { value: '${{ each.key }}:${{ each.value }}' } },
      ],
      output: {
        links: [
          { title: 'Repo', url: 'https://example.com/${{ steps.first.output.value.name }}' },
          { title: 'Hidden', url: 'https://x', if: '${{ parameters.n > 10 }}' },
        ],
        text: [{ title: 'Done', content: 'made ${{ parameters.name }}' }],
        count: '${{ parameters.n }}',
      },
    });
    const { result, events } = await run(t, { name: 'svc', n: 2, items: ['a', 'b'] });
    expect(result.status).toBe('completed');
    expect(calls).toEqual([
      { value: { name: 'svc', n: 2 } },
      { value: 'svc-user:default/ann', count: 2 },
      { value: '0:a' },
      { value: '1:b' },
    ]);
    expect(result.output).toEqual({
      links: [{ title: 'Repo', url: 'https://example.com/svc' }],
      text: [{ title: 'Done', content: 'made svc' }],
      count: 2,
    });
    expect(events.filter((e) => e.status).map((e) => `${e.stepId}:${e.status}`)).toEqual([
      'first:processing',
      'first:completed',
      'second:processing',
      'second:completed',
      'skipped:skipped',
      'loop:processing',
      'loop:completed',
    ]);
  });

  it('stops at a failed step and says which step failed and why', async () => {
    calls.length = 0;
    const t = template({
      steps: [
        { id: 'ok', name: 'Say hello', action: 'test:echo', input: { value: 1 } },
        { id: 'boom', name: 'Break things', action: 'test:fail', input: { reason: 'the disk is full' } },
        { id: 'never', action: 'test:echo', input: { value: 2 } },
      ],
    });
    const { result, events } = await run(t, {});
    expect(result).toEqual({ status: 'failed', output: {}, error: { stepId: 'boom', message: 'the disk is full' } });
    expect(events.at(-1)).toEqual({ stepId: 'boom', status: 'failed', message: 'Step Break things (test:fail) failed: the disk is full' });
    expect(calls).toEqual([{ value: 1 }]);
  });

  it("fails a step whose rendered input does not fit the action's schema, naming the field", async () => {
    const t = template({ steps: [{ id: 'bad', action: 'test:fail', input: { reason: '${{ parameters.n }}' } }] });
    const { result } = await run(t, { n: 5 });
    expect(result.error?.message).toMatch(/Invalid input for test:fail: input.reason: expected string, received number/);
  });

  it('fails a step that tries to escape the template sandbox, with the reason', async () => {
    const t = template({ steps: [{ id: 'evil', action: 'test:echo', input: { value: "${{ ''.constructor.constructor('return process')() }}" } }] });
    const { result } = await run(t, {});
    expect(result.error).toEqual({ stepId: 'evil', message: "Template expressions may not use 'constructor': templates can read values, not reach code" });
  });

  it('masks secrets in every log line, error message and the output', async () => {
    const t = template({
      steps: [
        { id: 'log', action: 'debug:log', input: { message: 'token is ${{ secrets.token }}' } },
        { id: 'echo', action: 'test:echo', input: { value: '${{ secrets.token }}' } },
        { id: 'fail', action: 'test:fail', input: { reason: 'bad token ${{ secrets.token }}' } },
      ],
    });
    const { result, events } = await run(t, {}, { secrets: { token: 's3cr3t-value' } });
    const echoed = await run(template({ steps: [], output: { text: [{ content: 'token ${{ secrets.token }}' }], raw: '${{ secrets.token }}' } }), {}, {
      secrets: { token: 's3cr3t-value' },
    });
    expect(echoed.result.output).toEqual({ text: [{ content: 'token ***' }], raw: '***' });
    const text = JSON.stringify(events) + JSON.stringify(result);
    expect(text).not.toContain('s3cr3t-value');
    expect(events.map((e) => e.message)).toContain('token is ***');
    expect(result.error?.message).toBe('bad token ***');
  });

  it('skips actions without dry-run support in a dry run, and logs the rendered input of the others', async () => {
    const t = template({
      steps: [
        { id: 'push', action: 'test:side-effect' },
        { id: 'echo', action: 'test:echo', input: { value: '${{ parameters.n }} ${{ secrets.token }}' } },
      ],
    });
    const { result, events } = await run(t, { n: 1 }, { isDryRun: true, secrets: { token: 'abc-secret' } });
    expect(result.status).toBe('completed');
    expect(events).toContainEqual({ stepId: 'echo', message: 'Running test:echo with input: {\n  "value": "1 ***"\n}' });
    expect(events).toContainEqual({ stepId: 'push', status: 'skipped', message: 'Skipping step push: test:side-effect does not support dry-run' });
  });

  it('refuses a template with actions that are not installed before running anything', () => {
    const t = template({ steps: [{ action: 'acme:deploy' }, { action: 'test:echo' }] });
    expect(() => runner.checkActions(t)).toThrow('This template uses actions that are not installed: acme:deploy');
  });
});
