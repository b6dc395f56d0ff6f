import type { Request, Response, Router } from 'express';
import { createTypedRouter, type IdentityService } from '@callboard/backend-plugin-api';
import { NotFoundError } from '@callboard/common';
import { taskRoutes, type TaskEvent } from '../common/taskRoutes.ts';
import type { KnexTaskStore } from './tasks/KnexTaskStore.ts';
import type { TaskService } from './tasks/TaskService.ts';

const STREAM_POLL_MS = 200;
const KEEP_ALIVE_MS = 15_000;

async function callerRef(identity: IdentityService, request: Request): Promise<string> {
  const caller = await identity.getCaller(request);
  return caller.type === 'user' ? caller.userEntityRef : caller.subject;
}

/** Writes events as server-sent events until the task ends or the client leaves. */
async function streamEvents(store: KnexTaskStore, taskId: string, after: number | undefined, request: Request, response: Response): Promise<void> {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    // no-transform keeps the compression middleware from buffering the stream.
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  request.on('close', () => {
    closed = true;
  });
  let cursor = after;
  const write = (event: TaskEvent) => {
    response.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    (response as Response & { flush?: () => void }).flush?.();
  };
  let lastWrite = Date.now();
  while (!closed) {
    const events = await store.events(taskId, cursor);
    if (events.length === 0 && Date.now() - lastWrite > KEEP_ALIVE_MS) {
      // A comment line keeps proxies from closing a stream that is quiet during a long step.
      response.write(': keep-alive\n\n');
      (response as Response & { flush?: () => void }).flush?.();
      lastWrite = Date.now();
    }
    if (events.length > 0) lastWrite = Date.now();
    for (const event of events) {
      write(event);
      cursor = event.id;
      if (event.type !== 'log') {
        response.end();
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, STREAM_POLL_MS));
  }
  response.end();
}

export function createTaskRouter(options: { store: KnexTaskStore; service: TaskService; identity: IdentityService }): Router {
  const { store, service, identity } = options;
  const mustExist = async (taskId: string) => {
    const task = await store.get(taskId);
    if (!task) throw new NotFoundError(`No scaffolder task ${taskId}`);
    return task;
  };
  return createTypedRouter(taskRoutes, {
    async createTask({ body, request }) {
      const id = await service.create({ ...body, createdBy: await callerRef(identity, request) });
      return { id };
    },
    async listTasks({ query, request }) {
      const createdBy = query.createdBy === 'me' ? await callerRef(identity, request) : query.createdBy;
      return store.list({
        ...(createdBy ? { createdBy } : {}),
        ...(query.status ? { status: query.status } : {}),
        limit: query.limit,
        offset: query.offset,
      });
    },
    async getTask({ params }) {
      return mustExist(params.taskId);
    },
    async getTaskEvents({ params, query }) {
      await mustExist(params.taskId);
      return store.events(params.taskId, query.after);
    },
    async streamTaskEvents({ params, query, request, response }) {
      await mustExist(params.taskId);
      const lastEventId = Number.parseInt(String(request.headers['last-event-id'] ?? ''), 10);
      await streamEvents(store, params.taskId, query.after ?? (Number.isFinite(lastEventId) ? lastEventId : undefined), request, response);
      return undefined;
    },
    async cancelTask({ params }) {
      const status = await store.requestCancel(params.taskId);
      if (!status) throw new NotFoundError(`No scaffolder task ${params.taskId}`);
      return { status };
    },
  });
}
