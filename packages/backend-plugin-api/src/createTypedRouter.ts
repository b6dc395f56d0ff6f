import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import {
  InputError,
  zodIssuesToList,
  type RouteDefinition,
  type RouteRequestData,
  type RouteResponseInput,
  type RouteTable,
} from '@callboard/common';

/**
 * A response already serialised, sent as it is: for JSON a handler has as
 * text (stored documents), which parsing and serialising again would only
 * cost time. The handler vouches that it matches the route's response.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

export type RouteHandler<R extends RouteDefinition> = (
  input: RouteRequestData<R> & { request: Request; response: Response },
) => Promise<RouteResponseInput<R> | JsonText> | RouteResponseInput<R> | JsonText;

export type RouteHandlers<T extends RouteTable> = { [K in keyof T]: RouteHandler<T[K]> };

type Issue = { path: string; message: string };

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string, issues: Issue[]): unknown {
  if (!schema) return part === 'body' ? undefined : {};
  const result = schema.safeParse(value);
  if (!result.success) {
    issues.push(...zodIssuesToList(result.error, part));
    return undefined;
  }
  return result.data;
}

/**
 * An Express router for a plugin's route table: input is validated with the
 * table's schemas before a handler runs; errors go to the one error mapper.
 */
export function createTypedRouter<T extends RouteTable>(routes: T, handlers: RouteHandlers<T>): Router {
  const router = Router();
  for (const [name, route] of Object.entries(routes)) {
    const handler = handlers[name as keyof T] as RouteHandler<RouteDefinition>;
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    router[method](route.path, async (request, response) => {
      // Every part is checked so one response names every problem.
      const issues: Issue[] = [];
      const params = parsePart(route.params, request.params, 'params', issues);
      const query = parsePart(route.query, request.query, 'query', issues);
      const body = parsePart(route.body, request.body, 'body', issues);
      if (issues.length) {
        throw new InputError(`Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
      }
      const result = await handler({ params, query, body, request, response } as never);
      // A handler that answered itself (a custom error body, a stream) is done.
      if (response.headersSent) return;
      const status = route.status ?? 200;
      if (status === 204) {
        response.status(204).end();
      } else if (result instanceof JsonText) {
        response.status(status).type('application/json').send(result.text);
      } else {
        response.status(status).json(result);
      }
    });
  }
  return router;
}
