import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint of a plugin's HTTP API. The same schemas validate input on the
 * server and parse responses in the browser, so neither side guesses a type.
 */
export interface RouteDefinition<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path relative to the plugin's mount point, e.g. `/entities/:uid`. */
  path: string;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  response: TResponse;
  /** Success status; 204 means no body. Defaults to 200. */
  status?: number;
}

export type RouteTable = Record<string, RouteDefinition>;

export function defineRoutes<const T extends Record<string, RouteDefinition<any, any, any, any>>>(routes: T): T {
  return routes;
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
type OutputOf<S> = S extends z.ZodType ? z.output<S> : never;

type Field<K extends string, S> = [S] extends [undefined]
  ? { [P in K]?: never }
  : S extends z.ZodType
    ? undefined extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : { [P in K]: z.input<S> }
    : { [P in K]?: never };

/** What a caller passes: only the parts the route declares. */
export type RouteInput<R extends RouteDefinition> = Field<'params', R['params']> &
  Field<'query', R['query']> &
  Field<'body', R['body']>;

/** What a handler receives: the parsed (output) form of each part. */
export interface RouteRequestData<R extends RouteDefinition> {
  params: R['params'] extends z.ZodType ? OutputOf<R['params']> : Record<string, never>;
  query: R['query'] extends z.ZodType ? OutputOf<R['query']> : Record<string, never>;
  body: R['body'] extends z.ZodType ? OutputOf<R['body']> : undefined;
}

export type RouteResponse<R extends RouteDefinition> = OutputOf<R['response']>;
export type RouteResponseInput<R extends RouteDefinition> = InputOf<R['response']>;

/** Fills `:name` segments of a route path, encoding each value. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) {
      throw new TypeError(`Missing path parameter '${name}' for ${path}`);
    }
    return encodeURIComponent(String(value));
  });
}

/** Query string with repeated keys for arrays, as Backstage's API expects. */
export function toQueryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const pairs: string[] = [];
  const add = (key: string, value: unknown) =>
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) add(key, item);
    } else {
      add(key, value);
    }
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** Accepts `a` or `[a, b]` (how query strings arrive) and yields an array. */
export const repeatedQueryParam = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).optional());
