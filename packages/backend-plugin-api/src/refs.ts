/**
 * Typed handles that a plugin lists in its `deps`. The phantom `__type`
 * carries the value type so `init` receives exactly what it asked for.
 */
export type ServiceScope = 'root' | 'plugin';

export interface ServiceRef<T, TScope extends ServiceScope = ServiceScope> {
  readonly $$type: 'ServiceRef';
  readonly id: string;
  readonly scope: TScope;
  readonly __type?: (value: T) => T;
}

export function createServiceRef<T>(options: { id: string; scope?: 'plugin' }): ServiceRef<T, 'plugin'>;
export function createServiceRef<T>(options: { id: string; scope: 'root' }): ServiceRef<T, 'root'>;
export function createServiceRef<T>(options: { id: string; scope?: ServiceScope }): ServiceRef<T> {
  return { $$type: 'ServiceRef', id: options.id, scope: options.scope ?? 'plugin' };
}

/**
 * A place where other plugins or modules contribute items of type T before
 * the owning plugin's init runs. Contributors list the point itself in deps
 * and get `{ add }`; the owner lists `point.contributions` and gets the items.
 */
export interface ExtensionPoint<T> {
  readonly $$type: 'ExtensionPoint';
  readonly id: string;
  readonly contributions: ExtensionPointContributions<T>;
  readonly __type?: (value: T) => T;
}

export interface ExtensionPointContributions<T> {
  readonly $$type: 'ExtensionPointContributions';
  readonly point: ExtensionPoint<T>;
}

export interface ExtensionPointRegistrar<T> {
  add(item: T): void;
}

export function createExtensionPoint<T>(options: { id: string }): ExtensionPoint<T> {
  if (!/^[a-z0-9-]+\.[A-Za-z0-9.-]+$/.test(options.id)) {
    throw new TypeError(`Extension point id '${options.id}' must be '<pluginId>.<name>'`);
  }
  const point = { $$type: 'ExtensionPoint', id: options.id } as { -readonly [K in keyof ExtensionPoint<T>]: ExtensionPoint<T>[K] };
  point.contributions = { $$type: 'ExtensionPointContributions', point };
  return point;
}

export type DependencyRef = ServiceRef<any> | ExtensionPoint<any> | ExtensionPointContributions<any>;

export type ResolvedDeps<TDeps extends Record<string, DependencyRef>> = {
  [K in keyof TDeps]: TDeps[K] extends ServiceRef<infer T>
    ? T
    : TDeps[K] extends ExtensionPoint<infer T>
      ? ExtensionPointRegistrar<T>
      : TDeps[K] extends ExtensionPointContributions<infer T>
        ? readonly T[]
        : never;
};
