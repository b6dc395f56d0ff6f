import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import express from 'express';
import {
  coreServices,
  createBackendPlugin,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  createTypedRouter,
  defineEventTopic,
} from '@callboard/backend-plugin-api';
import { defineRoutes, NotFoundError } from '@callboard/common';
import { startTestBackend, testDatabases } from '@callboard/test-utils';

const databases = await testDatabases();

const greetings = createExtensionPoint<string>({ id: 'greeter.greetings' });
const pinged = defineEventTopic<{ from: string }>('test.pinged');

const routes = defineRoutes({
  hello: {
    method: 'GET',
    path: '/hello/:name',
    params: z.object({ name: z.string().min(2) }),
    query: z.object({ shout: z.enum(['yes', 'no']).optional() }),
    response: z.object({ text: z.string(), greetings: z.array(z.string()), caller: z.string() }),
  },
});

function greeterPlugin(received: string[]) {
  return createBackendPlugin({
    id: 'greeter',
    extensionPoints: [greetings],
    config: z.object({ punctuation: z.string().default('!') }).default({ punctuation: '!' }),
    deps: {
      httpRouter: coreServices.httpRouter,
      identity: coreServices.identity,
      database: coreServices.database,
      events: coreServices.events,
      greetings: greetings.contributions,
    },
    async init({ httpRouter, identity, database, events, greetings: contributed, config }) {
      const knex = await database.connect({
        migrations: [
          {
            name: '20261121_01_visits',
            up: async (k) => k.schema.createTable('visits', (t) => t.string('name')),
          },
        ],
      });
      events.subscribe(pinged, ({ from }) => void received.push(from));
      httpRouter.use(
        createTypedRouter(routes, {
          async hello({ params, query, request }) {
            await knex('visits').insert({ name: params.name });
            const caller = await identity.getCaller(request);
            const text = `hello ${params.name}${config.punctuation}`;
            return {
              text: query.shout === 'yes' ? text.toUpperCase() : text,
              greetings: [...contributed],
              caller: caller.type === 'user' ? caller.userEntityRef : caller.subject,
            };
          },
        }),
      );
      const router = express.Router();
      router.get('/boom', () => {
        throw new Error('secret internal detail');
      });
      router.get('/missing', () => {
        throw new NotFoundError('No such thing');
      });
      router.get('/slow', async (_req, res) => {
        await new Promise((r) => setTimeout(r, 400));
        res.json({ finished: true });
      });
      router.post('/echo', (req, res) => void res.json(req.body));
      httpRouter.use(router);
    },
  });
}

const contributorPlugin = createBackendPlugin({
  id: 'contributor',
  deps: { greetings, events: coreServices.events, lifecycle: coreServices.lifecycle },
  init({ greetings: registrar, events, lifecycle }) {
    registrar.add('hi from contributor');
    lifecycle.addStartupHook(() => events.publish(pinged, { from: 'contributor' }));
  },
});

describe.each(databases)('backend on $name', (db) => {
  afterAll(() => db.cleanup());

  it('serves health, plugins, typed errors and security headers', async () => {
    const received: string[] = [];
    const t = await startTestBackend({ features: [greeterPlugin(received), contributorPlugin], database: db.config() });
    try {
      expect((await t.fetch('/healthz')).status).toBe(200);
      const ready = await t.fetch('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(ready.headers.get('x-content-type-options')).toBe('nosniff');

      const hello = await t.fetch('/api/greeter/hello/ada?shout=yes');
      expect((await hello.json()) as any).toEqual({
        text: 'HELLO ADA!',
        greetings: ['hi from contributor'],
        caller: 'user:default/guest',
      });
      expect(received).toEqual(['contributor']);

      const invalid = await t.fetch('/api/greeter/hello/a?shout=maybe');
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await invalid.json()) as any;
      expect(problem.code).toBe('INPUT_ERROR');
      expect(problem.issues.map((i: { path: string }) => i.path).sort()).toEqual(['params.name', 'query.shout']);

      const boom = await t.fetch('/api/greeter/boom');
      expect(boom.status).toBe(500);
      const boomText = await boom.text();
      expect(boomText).not.toContain('secret internal detail');
      expect(boomText).not.toMatch(/at .*\.ts:\d+/);
      expect(t.logs.records.some((r) => r.level === 50 && JSON.stringify(r).includes('secret internal detail'))).toBe(true);

      const missing = await t.fetch('/api/greeter/missing');
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as any).detail).toBe('No such thing');

      const unknown = await t.fetch('/api/nobody/here');
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as any).code).toBe('NOT_FOUND');

      const badJson = await t.fetch('/api/greeter/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"oops": ',
      });
      expect(badJson.status).toBe(400);
      expect(((await badJson.json()) as any).detail).toMatch(/not valid JSON/);
    } finally {
      await t.stop();
    }
  });

  it('finishes in-flight requests on shutdown, then refuses new ones', async () => {
    const t = await startTestBackend({ features: [greeterPlugin([]), contributorPlugin], database: db.config() });
    const inFlight = t.fetch('/api/greeter/slow');
    await new Promise((r) => setTimeout(r, 100));
    const stopping = t.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()) as any).toEqual({ finished: true });
    await stopping;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  });
});

describe('start-up failures', () => {
  it('stops with the id of a plugin whose init throws', async () => {
    const broken = createBackendPlugin({
      id: 'broken',
      deps: {},
      init() {
        throw new Error('cannot reach the vault');
      },
    });
    await expect(startTestBackend({ features: [broken] })).rejects.toThrow(
      "The plugin 'broken' failed to start: cannot reach the vault",
    );
  });

  it('stops on an unknown plugin in config, naming it and what is installed', async () => {
    await expect(
      startTestBackend({ features: [contributorPlugin], config: { backend: { plugins: ['contributor', 'kubernetes'] } } }),
    ).rejects.toThrow(/backend.plugins\[1\]: unknown plugin 'kubernetes'. Installed plugins: contributor/);
  });

  it('stops on a plugin needing a service nobody provides, naming both', async () => {
    const vault = createServiceRef<{ secret: string }>({ id: 'acme.vault' });
    const needy = createBackendPlugin({ id: 'needy', deps: { vault }, init: () => undefined });
    await expect(startTestBackend({ features: [needy] })).rejects.toThrow(/plugin 'needy' needs service 'acme.vault'/);
    // Providing it fixes start-up.
    const t = await startTestBackend({
      features: [needy],
      services: [createServiceFactory({ service: vault, deps: {}, create: () => ({ secret: 's' }) })],
    });
    await t.stop();
  });

  it('reports invalid plugin config with its exact path', async () => {
    const strict = createBackendPlugin({
      id: 'strict',
      config: z.object({ locations: z.array(z.object({ target: z.string() })) }),
      deps: {},
      init: () => undefined,
    });
    await expect(
      startTestBackend({
        features: [strict],
        config: { strict: { locations: [{ target: 'a' }, { target: 'b' }, { target: 3 }] } },
      }),
    ).rejects.toThrow('Invalid configuration: strict.locations[2].target: expected string, received number');
  });

  it('reports invalid backend config with its exact path', async () => {
    await expect(
      startTestBackend({ features: [], config: { backend: { database: { client: 'mysql' } } } }),
    ).rejects.toThrow(/backend.database.client: expected client 'better-sqlite3' or 'pg'/);
  });
});
