import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { LoggerService, SchedulerService, SchedulerTask } from '@callboard/backend-plugin-api';
import { InputError } from '@callboard/common';

interface LocalTask extends SchedulerTask {
  key: string;
  running: boolean;
}

/**
 * Runs periodic work so that, across every process sharing one database, a
 * task runs at most once at a time. A worker claims a task with one
 * conditional UPDATE (the row is the lock); a lock that outlives the task's
 * timeout lapses so a crashed process cannot hold it forever.
 */
export class KnexScheduler {
  private readonly tasks = new Map<string, LocalTask>();
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private stopped = false;
  private polling: Promise<void> | undefined;

  private constructor(
    private readonly knex: Knex,
    private readonly logger: LoggerService,
    private readonly pollIntervalMs: number,
  ) {}

  static create(options: { knex: Knex; logger: LoggerService; pollIntervalMs: number }): KnexScheduler {
    return new KnexScheduler(options.knex, options.logger, options.pollIntervalMs);
  }

  forPlugin(pluginId: string): SchedulerService {
    return {
      scheduleTask: (task) => this.schedule(pluginId, task),
      triggerTask: (id) => this.trigger(`${pluginId}:${id}`),
    };
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.poll(), this.pollIntervalMs);
    this.timer.unref();
    this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const abort of this.aborts) abort.abort(new Error('The backend is shutting down'));
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  private async schedule(pluginId: string, task: SchedulerTask): Promise<void> {
    const key = `${pluginId}:${task.id}`;
    if (this.tasks.has(key)) throw new InputError(`Task '${task.id}' is already scheduled by plugin '${pluginId}'`);
    const now = Date.now();
    await this.knex('scheduler_tasks')
      .insert({ id: key, next_run_at: now + (task.initialDelayMs ?? 0), frequency_ms: task.frequencyMs })
      .onConflict('id')
      .merge(['frequency_ms']);
    this.tasks.set(key, { ...task, key, running: false });
    this.poll();
  }

  private async trigger(key: string): Promise<void> {
    if (!this.tasks.has(key)) {
      const row = await this.knex('scheduler_tasks').where({ id: key }).first();
      if (!row) throw new InputError(`No task '${key}' is scheduled`);
    }
    await this.knex('scheduler_tasks').where({ id: key }).update({ next_run_at: 0 });
    this.poll();
  }

  private poll(): void {
    if (this.stopped || this.polling) return;
    this.polling = this.pollOnce().finally(() => {
      this.polling = undefined;
    });
  }

  private async pollOnce(): Promise<void> {
    try {
      for (const task of this.tasks.values()) {
        if (this.stopped) break;
        if (!task.running) await this.tryRun(task);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Scheduler poll failed');
    }
  }

  private async tryRun(task: LocalTask): Promise<void> {
    const now = Date.now();
    const ticket = randomUUID();
    const claimed = await this.knex('scheduler_tasks')
      .where('id', task.key)
      .where('next_run_at', '<=', now)
      .where((q) => q.whereNull('ticket').orWhere('lock_expires_at', '<', now))
      .update({ ticket, lock_expires_at: now + task.timeoutMs, last_run_started_at: now });
    if (claimed !== 1) return;

    task.running = true;
    const abort = new AbortController();
    this.aborts.add(abort);
    const timeout = setTimeout(() => abort.abort(new Error(`Task timed out after ${task.timeoutMs} ms`)), task.timeoutMs);
    const run = (async () => {
      let lastError: string | null = null;
      try {
        await task.fn(abort.signal);
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        this.logger.error({ err: error, task: task.key }, `Task ${task.key} failed`);
      } finally {
        clearTimeout(timeout);
        this.aborts.delete(abort);
        const ended = Date.now();
        try {
          await this.knex('scheduler_tasks')
            .where({ id: task.key, ticket })
            .update({
              ticket: null,
              lock_expires_at: null,
              last_run_ended_at: ended,
              last_error: lastError,
              next_run_at: ended + task.frequencyMs,
            });
        } catch (error) {
          // The database may already be closing during shutdown; the lock lapses on its own.
          this.logger.warn({ err: error, task: task.key }, 'Could not release task lock');
        }
        task.running = false;
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}
