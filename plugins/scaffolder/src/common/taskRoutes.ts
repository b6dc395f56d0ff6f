import { z } from 'zod';
import { defineRoutes, repeatedQueryParam } from '@callboard/common';

export const taskStatusSchema = z.enum(['open', 'processing', 'completed', 'failed', 'cancelled']);
export type TaskStatus = z.output<typeof taskStatusSchema>;

export const taskSummarySchema = z.object({
  id: z.string(),
  status: taskStatusSchema,
  templateRef: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastHeartbeatAt: z.string().optional(),
  completedAt: z.string().optional(),
  spec: z.object({
    templateInfo: z.object({ entityRef: z.string() }),
    parameters: z.record(z.string(), z.unknown()),
    steps: z.array(z.object({ id: z.string(), name: z.string(), action: z.string() })),
    user: z.object({ ref: z.string().optional() }),
  }),
  output: z.record(z.string(), z.unknown()).optional(),
  /** Why the task failed: the step and the reason. */
  error: z.string().optional(),
});
export type TaskSummary = z.output<typeof taskSummarySchema>;

export const taskEventTypeSchema = z.enum(['log', 'completion', 'cancelled']);
export type TaskEventType = z.output<typeof taskEventTypeSchema>;

export const taskEventSchema = z.object({
  id: z.number().int(),
  taskId: z.string(),
  type: taskEventTypeSchema,
  body: z.object({
    message: z.string(),
    stepId: z.string().optional(),
    status: z.enum(['open', 'processing', 'completed', 'failed', 'skipped', 'cancelled']).optional(),
    output: z.record(z.string(), z.unknown()).optional(),
  }),
  createdAt: z.string(),
});
export type TaskEvent = z.output<typeof taskEventSchema>;

const taskId = z.object({ taskId: z.string().uuid('expected a task id') });
const after = z.coerce.number().int().nonnegative().optional();

export const taskRoutes = defineRoutes({
  createTask: {
    method: 'POST',
    path: '/v2/tasks',
    body: z.object({
      templateRef: z.string().min(1, 'name the template, e.g. template:default/web-service'),
      values: z.record(z.string(), z.unknown()).default({}),
      secrets: z.record(z.string(), z.string()).optional(),
    }),
    response: z.object({ id: z.string() }),
    status: 201,
  },
  listTasks: {
    method: 'GET',
    path: '/v2/tasks',
    query: z.object({
      /** A user ref, or `me` for the caller. */
      createdBy: z.string().optional(),
      status: repeatedQueryParam(taskStatusSchema),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ tasks: z.array(taskSummarySchema), totalTasks: z.number().int() }),
  },
  getTask: {
    method: 'GET',
    path: '/v2/tasks/:taskId',
    params: taskId,
    response: taskSummarySchema,
  },
  getTaskEvents: {
    method: 'GET',
    path: '/v2/tasks/:taskId/events',
    params: taskId,
    query: z.object({ after }),
    response: z.array(taskEventSchema),
  },
  /** Server-sent events: `log` events as they happen, then `completion` or `cancelled`; resumable with after= or Last-Event-ID. */
  streamTaskEvents: {
    method: 'GET',
    path: '/v2/tasks/:taskId/eventstream',
    params: taskId,
    query: z.object({ after }),
    response: z.undefined(),
  },
  cancelTask: {
    method: 'POST',
    path: '/v2/tasks/:taskId/cancel',
    params: taskId,
    response: z.object({ status: taskStatusSchema }),
  },
});
