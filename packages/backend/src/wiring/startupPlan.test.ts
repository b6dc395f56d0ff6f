import { describe, expect, it } from 'vitest';
import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  type ExtensionPoint,
  type ServiceFactory,
} from '@callboard/backend-plugin-api';
import { planStartup } from './startupPlan.ts';

const factories = new Map<string, ServiceFactory>(
  [coreServices.logger, coreServices.database].map((service) => [
    service.id,
    createServiceFactory({ service: service as typeof coreServices.logger, deps: {}, create: () => ({}) as never }) as ServiceFactory,
  ]),
);

const plugin = (id: string, deps = {}, extensionPoints: ExtensionPoint<any>[] = []) =>
  createBackendPlugin({ id, deps, extensionPoints, init: () => undefined });

describe('planStartup', () => {
  it('orders contributors before the owner of the extension point, whatever the list order', () => {
    const point = createExtensionPoint<string>({ id: 'zeta.things' });
    const owner = plugin('zeta', { things: point.contributions }, [point]);
    const contributor = plugin('alpha', { things: point });
    const mod = createBackendModule({ pluginId: 'zeta', moduleId: 'extra', deps: { things: point }, init: () => undefined });
    const order = planStartup([owner, mod, contributor], factories).map((f) =>
      f.$$type === 'BackendPlugin' ? f.id : `${f.pluginId}.${f.moduleId}`,
    );
    expect(order.indexOf('alpha')).toBeLessThan(order.indexOf('zeta'));
    expect(order.indexOf('zeta.extra')).toBeLessThan(order.indexOf('zeta'));
    expect(planStartup([contributor, mod, owner], factories).map((f) => f.$$type)).toHaveLength(3);
  });

  it('refuses a duplicate plugin id, naming it and the fix', () => {
    expect(() => planStartup([plugin('catalog'), plugin('catalog')], factories)).toThrow(
      /Two plugins have the id 'catalog'.*rename one/,
    );
  });

  it('refuses a plugin needing a service nobody provides, naming both', () => {
    const missing = createServiceRef<string>({ id: 'acme.vault' });
    expect(() => planStartup([plugin('secrets', { vault: missing })], factories)).toThrow(
      /plugin 'secrets' needs service 'acme.vault'.*nothing provides/,
    );
  });

  it('reports a circular dependency with the cycle', () => {
    const a = createExtensionPoint<string>({ id: 'aaa.things' });
    const b = createExtensionPoint<string>({ id: 'bbb.things' });
    const pa = plugin('aaa', { theirs: b, mine: a.contributions }, [a]);
    const pb = plugin('bbb', { theirs: a, mine: b.contributions }, [b]);
    expect(() => planStartup([pa, pb], factories)).toThrow(/Circular dependency between (aaa → bbb → aaa|bbb → aaa → bbb)/);
  });

  it('refuses a module whose plugin is not installed', () => {
    const mod = createBackendModule({ pluginId: 'catalog', moduleId: 'github', deps: {}, init: () => undefined });
    expect(() => planStartup([mod], factories)).toThrow(/Module 'github' extends plugin 'catalog', which is not installed/);
  });

  it('refuses contributions to an extension point nobody declares', () => {
    const orphan = createExtensionPoint<string>({ id: 'search.collators' });
    expect(() => planStartup([plugin('docs', { collators: orphan })], factories)).toThrow(
      /contributes to extension point 'search.collators'.*no enabled plugin declares it/,
    );
  });

  it('lets only the owner read contributions', () => {
    const point = createExtensionPoint<string>({ id: 'owner.things' });
    const owner = plugin('owner', {}, [point]);
    const thief = plugin('thief', { things: point.contributions });
    expect(() => planStartup([owner, thief], factories)).toThrow(/only the plugin that declares it/);
  });
});
