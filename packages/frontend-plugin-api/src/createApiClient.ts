import {
  errorFromProblem,
  fillPath,
  InputError,
  toQueryString,
  type RouteDefinition,
  type RouteInput,
  type RouteResponse,
  type RouteTable,
} from '@callboard/common';

export type ApiClient<T extends RouteTable> = {
  [K in keyof T]: (input: RouteInput<T[K]>, init?: { signal?: AbortSignal }) => Promise<RouteResponse<T[K]>>;
};

export interface ApiClientOptions {
  /** Defaults to the page's origin; tests and other hosts pass their own. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * A client derived from a plugin's route table: one method per route, input
 * typed from the schemas, responses parsed with the response schema, and
 * failures thrown as the same typed errors the server raised.
 */
export function createApiClient<T extends RouteTable>(
  pluginId: string,
  routes: T,
  options: ApiClientOptions = {},
): ApiClient<T> {
  const client = {} as Record<string, unknown>;
  for (const [name, route] of Object.entries(routes) as [string, RouteDefinition][]) {
    client[name] = async (input: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown }, init?: { signal?: AbortSignal }) => {
      const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
      const base = options.baseUrl ?? '';
      const url = `${base}/api/${pluginId}${fillPath(route.path, input?.params)}${toQueryString(input?.query)}`;
      const response = await doFetch(url, {
        method: route.method,
        headers: { accept: 'application/json', ...(input?.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(input?.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
        ...(init?.signal ? { signal: init.signal } : {}),
      });
      if (!response.ok) {
        let body: unknown;
        try {
          body = await response.json();
        } catch {
          body = undefined;
        }
        throw errorFromProblem(response.status, body);
      }
      if (response.status === 204) return undefined;
      const json: unknown = await response.json();
      const parsed = route.response.safeParse(json);
      if (!parsed.success) {
        throw new InputError(`The ${pluginId} API answered ${route.method} ${route.path} with an unexpected shape`);
      }
      return parsed.data;
    };
  }
  return client as ApiClient<T>;
}
