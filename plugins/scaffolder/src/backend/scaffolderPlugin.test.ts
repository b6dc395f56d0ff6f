import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBackendModule } from '@callboard/backend-plugin-api';
import { startTestBackend } from '@callboard/test-utils';
import { createTemplateAction } from './actions/createTemplateAction.ts';
import { scaffolderActionsExtensionPoint } from './extensionPoints.ts';
import { scaffolderPlugin } from './scaffolderPlugin.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const text = (b: string) => Buffer.from(b, 'base64').toString('utf8');

const acmeModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'acme-actions',
  deps: { actions: scaffolderActionsExtensionPoint },
  init({ actions }) {
    actions.add(
      createTemplateAction({
        id: 'acme:greet',
        description: 'Greets someone',
        schema: { input: z.object({ who: z.string().describe('Whom to greet') }), output: z.object({ greeting: z.string() }) },
        supportsDryRun: true,
        async handler(ctx) {
          ctx.output('greeting', `hello ${ctx.input.who}`);
        },
      }),
    );
  },
});

const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'svc' },
  spec: {
    type: 'service',
    parameters: [
      {
        title: 'About',
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: '^[a-z-]+$', 'ui:autofocus': true },
          lang: { type: 'string', enum: ['go', 'node'], default: 'go' },
        },
      },
    ],
    steps: [
      { id: 'fetch', name: 'Fetch skeleton', action: 'fetch:template', input: { url: './skeleton', values: { name: '${{ parameters.name }}' } } },
      { id: 'greet', action: 'acme:greet', input: { who: '${{ parameters.name }}' } },
      { id: 'publish', action: 'publish:git', input: { remoteUrl: '/tmp/never-pushed.git' } },
    ],
    output: { links: [{ title: 'Greeting', url: 'https://example.com/${{ steps.greet.output.greeting | urlencode }}' }] },
  },
};

describe('scaffolder plugin over HTTP', () => {
  it('lists built-in and contributed actions with JSON Schemas, and dry-runs a template', async () => {
    const t = await startTestBackend({ features: [scaffolderPlugin, acmeModule] });
    try {
      const actions = (await (await t.fetch('/api/scaffolder/v2/actions')).json()) as { id: string; schema: { input: Record<string, any> } }[];
      expect(actions.map((a) => a.id).sort()).toEqual(
        [
          'acme:greet',
          'catalog:register',
          'catalog:write',
          'debug:log',
          'debug:wait',
          'fetch:plain',
          'fetch:plain:file',
          'fetch:template',
          'fs:delete',
          'fs:rename',
          'publish:git',
          'publish:github',
        ].sort(),
      );
      const greet = actions.find((a) => a.id === 'acme:greet');
      expect(greet?.schema.input).toMatchObject({ type: 'object', required: ['who'], properties: { who: { type: 'string', description: 'Whom to greet' } } });

      const response = await t.fetch('/api/scaffolder/v2/dry-run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          template,
          values: { name: 'web-shop' },
          secrets: {},
          directoryContents: [
            { path: 'template.yaml', base64Content: b64('unused here') },
            { path: 'skeleton/README.md', base64Content: b64('# ${{ values.name }}') },
            { path: 'skeleton/${{ values.name }}.txt', base64Content: b64('x') },
          ],
        }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      expect(body.directoryContents.map((f: any) => [f.path, text(f.base64Content)])).toEqual([
        ['README.md', '# web-shop'],
        ['web-shop.txt', 'x'],
      ]);
      expect(body.output).toEqual({ links: [{ title: 'Greeting', url: 'https://example.com/hello%20web-shop' }] });
      expect(body.steps).toEqual([
        { id: 'fetch', name: 'Fetch skeleton', action: 'fetch:template', input: { url: './skeleton', values: { name: '${{ parameters.name }}' } } },
        { id: 'greet', name: 'greet', action: 'acme:greet', input: { who: '${{ parameters.name }}' } },
        { id: 'publish', name: 'publish', action: 'publish:git', input: { remoteUrl: '/tmp/never-pushed.git' } },
      ]);
      const messages = body.log.map((l: any) => l.body.message);
      expect(messages).toContain('Skipping step publish: publish:git does not support dry-run');
      expect(body.log.every((l: any) => typeof l.createdAt === 'string')).toBe(true);
    } finally {
      await t.stop();
    }
  });

  it('answers problem+json for invalid values, invalid templates, escaping paths and missing actions', async () => {
    const t = await startTestBackend({ features: [scaffolderPlugin] });
    const dryRun = (body: unknown) =>
      t.fetch('/api/scaffolder/v2/dry-run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      const withoutAcme = { ...template, spec: { ...template.spec, steps: template.spec.steps.filter((s) => s.id !== 'greet') } };
      const badValues = await dryRun({ template: withoutAcme, values: { name: 'Not Valid', lang: 'cobol' }, directoryContents: [] });
      expect(badValues.status).toBe(400);
      expect(badValues.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = (await badValues.json()) as { detail: string };
      expect(problem.detail).toContain('page 1 (About): name: does not match pattern "^[a-z-]+$"');
      expect(problem.detail).toContain('page 1 (About): lang: must be one of "go", "node"');

      const missing = await dryRun({ template: { ...template, spec: { ...template.spec, parameters: [] } }, values: {} });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { detail: string }).detail).toMatch(/actions that are not installed: acme:greet/);

      const notTemplate = await dryRun({ template: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: {} }, values: {} });
      expect(((await notTemplate.json()) as { detail: string }).detail).toMatch(/expected kind Template/);

      const simple = { ...template, spec: { type: 'x', steps: [{ id: 'log', action: 'debug:log', input: { message: 'hi' } }] } };
      const escape = await dryRun({ template: simple, values: {}, directoryContents: [{ path: '../../evil.sh', base64Content: b64('x') }] });
      expect(escape.status).toBe(400);
      expect(((await escape.json()) as { detail: string }).detail).toMatch(/directoryContents path '..\/..\/evil.sh' leads outside/);
    } finally {
      await t.stop();
    }
  });

  it('lists the Git hosts RepoUrlPicker may offer: integrations.github, then the local host when configured', async () => {
    const integrations = async (config: Record<string, unknown>) => {
      const t = await startTestBackend({ features: [scaffolderPlugin], config });
      try {
        const response = await t.fetch('/api/scaffolder/v2/integrations');
        expect(response.status).toBe(200);
        return (await response.json()) as unknown;
      } finally {
        await t.stop();
      }
    };
    expect(await integrations({})).toEqual({ hosts: [] });
    expect(
      await integrations({
        integrations: {
          github: [{ host: 'github.com', token: 'ghp_x' }, { host: 'ghe.acme.example' }],
          local: { directory: '.callboard/test-repos' },
        },
      }),
    ).toEqual({
      hosts: [
        { host: 'github.com', type: 'github', title: 'github.com' },
        { host: 'ghe.acme.example', type: 'github', title: 'ghe.acme.example' },
        { host: 'local', type: 'local', title: 'This machine (local Git)' },
      ],
    });
  });

  it('refuses to start when integrations.local has no directory', async () => {
    await expect(startTestBackend({ features: [scaffolderPlugin], config: { integrations: { local: {} } } })).rejects.toThrow(
      /integrations.local: integrations.local.directory must be a path/,
    );
  });

  it('refuses to start when a contributed action takes a built-in action id', async () => {
    const clash = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'clash',
      deps: { actions: scaffolderActionsExtensionPoint },
      init({ actions }) {
        actions.add(createTemplateAction({ id: 'debug:log', schema: { input: z.object({}) }, async handler() {} }));
      },
    });
    await expect(startTestBackend({ features: [scaffolderPlugin, clash] })).rejects.toThrow(/Scaffolder action 'debug:log' is registered twice/);
  });
});
