import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { TaskEvent, TaskEventType, TaskStatus, TaskSummary } from '../../common/taskRoutes.ts';

interface TaskRow {
  id: string;
  status: TaskStatus;
  template_ref: string;
  spec: string;
  secrets: string | null;
  created_by: string;
  created_at: number | string;
  last_heartbeat_at: number | string | null;
  completed_at: number | string | null;
  cancel_requested: boolean | number;
  output: string | null;
  error: string | null;
}

interface EventRow {
  id: number;
  task_id: string;
  event_type: TaskEventType;
  body: string;
  created_at: number | string;
}

/** What a task needs to run, stored as JSON. */
export interface StoredTaskSpec {
  template: Record<string, unknown>;
  values: Record<string, unknown>;
  user: { ref?: string; entity?: Record<string, unknown> };
  templateInfo: { entityRef: string; baseUrl?: string; readRoot?: string };
}

export interface ClaimedTask {
  id: string;
  spec: StoredTaskSpec;
  secrets: string | undefined;
  createdBy: string;
}

const iso = (ms: number | string | null) => (ms === null ? undefined : new Date(Number(ms)).toISOString());

function toSummary(row: TaskRow): TaskSummary {
  const spec = JSON.parse(row.spec) as StoredTaskSpec;
  const steps = ((spec.template.spec as { steps?: { id?: string; name?: string; action: string }[] })?.steps ?? []).map((s, i) => ({
    id: s.id ?? `step-${i + 1}`,
    name: s.name ?? s.id ?? `step-${i + 1}`,
    action: s.action,
  }));
  const heartbeat = iso(row.last_heartbeat_at);
  const completedAt = iso(row.completed_at);
  return {
    id: row.id,
    status: row.status,
    templateRef: row.template_ref,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
    ...(heartbeat ? { lastHeartbeatAt: heartbeat } : {}),
    ...(completedAt ? { completedAt } : {}),
    spec: { templateInfo: { entityRef: spec.templateInfo.entityRef }, parameters: spec.values, steps, user: { ...(spec.user.ref ? { ref: spec.user.ref } : {}) } },
    ...(row.output ? { output: JSON.parse(row.output) as Record<string, unknown> } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

function toEvent(row: EventRow): TaskEvent {
  return {
    id: Number(row.id),
    taskId: row.task_id,
    type: row.event_type,
    body: JSON.parse(row.body) as TaskEvent['body'],
    createdAt: iso(row.created_at) as string,
  };
}

/** Tasks and their event logs; the only code that knows their tables. */
export class KnexTaskStore {
  private constructor(private readonly knex: Knex) {}

  static create(knex: Knex): KnexTaskStore {
    return new KnexTaskStore(knex);
  }

  async create(task: { templateRef: string; spec: StoredTaskSpec; secrets?: string; createdBy: string }): Promise<string> {
    const id = randomUUID();
    await this.knex('scaffolder_tasks').insert({
      id,
      status: 'open',
      template_ref: task.templateRef,
      spec: JSON.stringify(task.spec),
      secrets: task.secrets ?? null,
      created_by: task.createdBy,
      created_at: Date.now(),
      cancel_requested: false,
    });
    return id;
  }

  async get(id: string): Promise<TaskSummary | undefined> {
    const row = await this.knex<TaskRow>('scaffolder_tasks').where({ id }).first();
    return row ? toSummary(row) : undefined;
  }

  async list(filter: { createdBy?: string; status?: TaskStatus[]; limit: number; offset: number }): Promise<{ tasks: TaskSummary[]; totalTasks: number }> {
    const base = () => {
      const q = this.knex<TaskRow>('scaffolder_tasks');
      if (filter.createdBy) q.where('created_by', filter.createdBy);
      if (filter.status?.length) q.whereIn('status', filter.status);
      return q;
    };
    const [count] = await base().count<{ n: number | string }[]>({ n: '*' });
    const rows = await base().orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(filter.limit).offset(filter.offset);
    return { tasks: rows.map(toSummary), totalTasks: Number(count?.n ?? 0) };
  }

  /** Takes the oldest open task for this worker; undefined when there is none or another worker won it. */
  async claim(): Promise<ClaimedTask | undefined> {
    const candidate = await this.knex<TaskRow>('scaffolder_tasks').where({ status: 'open' }).orderBy('created_at').first();
    if (!candidate) return undefined;
    // The status check in the update makes the claim atomic across processes.
    const won = await this.knex('scaffolder_tasks')
      .where({ id: candidate.id, status: 'open' })
      .update({ status: 'processing', last_heartbeat_at: Date.now() });
    if (won !== 1) return undefined;
    return {
      id: candidate.id,
      spec: JSON.parse(candidate.spec) as StoredTaskSpec,
      secrets: candidate.secrets ?? undefined,
      createdBy: candidate.created_by,
    };
  }

  async heartbeat(id: string): Promise<{ cancelRequested: boolean }> {
    await this.knex('scaffolder_tasks').where({ id, status: 'processing' }).update({ last_heartbeat_at: Date.now() });
    const row = await this.knex<TaskRow>('scaffolder_tasks').select('cancel_requested').where({ id }).first();
    return { cancelRequested: Boolean(row?.cancel_requested) };
  }

  /** Ends a task; its secrets are dropped with it. */
  async finish(id: string, result: { status: 'completed' | 'failed' | 'cancelled'; output?: Record<string, unknown>; error?: string }): Promise<void> {
    await this.knex.transaction(async (trx) => {
      await trx('scaffolder_tasks')
        .where({ id })
        .update({
          status: result.status,
          completed_at: Date.now(),
          secrets: null,
          output: result.output ? JSON.stringify(result.output) : null,
          error: result.error ?? null,
        });
      await trx('scaffolder_task_events').insert({
        task_id: id,
        event_type: result.status === 'cancelled' ? 'cancelled' : 'completion',
        body: JSON.stringify({
          message: result.status === 'completed' ? 'Run completed successfully' : result.error ?? `Run ${result.status}`,
          status: result.status,
          ...(result.output ? { output: result.output } : {}),
        }),
        created_at: Date.now(),
      });
    });
  }

  /** Asks the worker running the task to stop; an open task is cancelled at once. Returns the status now. */
  async requestCancel(id: string): Promise<TaskStatus | undefined> {
    const row = await this.knex<TaskRow>('scaffolder_tasks').where({ id }).first();
    if (!row) return undefined;
    if (row.status === 'open') {
      const won = await this.knex('scaffolder_tasks').where({ id, status: 'open' }).update({ cancel_requested: true });
      if (won === 1) {
        await this.finish(id, { status: 'cancelled', error: 'Cancelled before it started' });
        return 'cancelled';
      }
    }
    if (row.status === 'processing') {
      await this.knex('scaffolder_tasks').where({ id }).update({ cancel_requested: true });
    }
    return (await this.knex<TaskRow>('scaffolder_tasks').select('status').where({ id }).first())?.status;
  }

  async appendEvent(taskId: string, body: TaskEvent['body']): Promise<void> {
    await this.knex('scaffolder_task_events').insert({ task_id: taskId, event_type: 'log', body: JSON.stringify(body), created_at: Date.now() });
  }

  async events(taskId: string, after?: number): Promise<TaskEvent[]> {
    const q = this.knex<EventRow>('scaffolder_task_events').where({ task_id: taskId }).orderBy('id');
    if (after !== undefined) q.where('id', '>', after);
    return (await q).map(toEvent);
  }

  /**
   * Fails tasks whose worker stopped beating: the process running them
   * restarted or died, and nothing else will finish them.
   */
  async failStale(heartbeatTimeoutMs: number): Promise<string[]> {
    const cutoff = Date.now() - heartbeatTimeoutMs;
    const stale = await this.knex<TaskRow>('scaffolder_tasks').select('id').where({ status: 'processing' }).andWhere('last_heartbeat_at', '<', cutoff);
    const failed: string[] = [];
    for (const { id } of stale) {
      const won = await this.knex('scaffolder_tasks')
        .where({ id, status: 'processing' })
        .andWhere('last_heartbeat_at', '<', cutoff)
        .update({ status: 'failed' });
      if (won !== 1) continue;
      await this.finish(id, {
        status: 'failed',
        error: `The backend running this task restarted or stopped (no heartbeat for ${Math.round(heartbeatTimeoutMs / 1000)} s); run the template again`,
      });
      failed.push(id);
    }
    return failed;
  }
}
