import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService } from '@callboard/backend-plugin-api';
import { parseTemplateEntity } from '../../common/templateEntity.ts';
import type { TemplateRunner } from '../runner/TemplateRunner.ts';
import type { ClaimedTask, KnexTaskStore } from './KnexTaskStore.ts';
import type { TaskSecrets } from './TaskSecrets.ts';

const WORKSPACE_PREFIX = 'callboard-task-';

/** Removes the temporary workspaces of these tasks, found by the task id in their names. */
export async function removeWorkspaces(taskIds: readonly string[]): Promise<void> {
  const names = await fs.promises.readdir(os.tmpdir()).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => taskIds.some((id) => name.startsWith(`${WORKSPACE_PREFIX}${id}-`)))
      .map((name) => fs.promises.rm(path.join(os.tmpdir(), name), { recursive: true, force: true })),
  );
}

export interface TaskWorkerOptions {
  store: KnexTaskStore;
  runner: TemplateRunner;
  secrets: TaskSecrets;
  logger: LoggerService;
  /** Tasks run at once by this process. */
  concurrency: number;
  pollIntervalMs: number;
  heartbeatIntervalMs: number;
  /** A processing task without a heartbeat for this long is failed: its process is gone. */
  heartbeatTimeoutMs: number;
}

/**
 * Runs open tasks from the database, at most `concurrency` at a time, each
 * in a fresh temporary workspace that is removed afterwards. A heartbeat
 * marks a task as alive and carries cancellation requests to it.
 */
export class TaskWorker {
  private readonly running = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** A nudge that came while polling; the poll runs once more instead of waiting for the timer. */
  private pollAgain = false;
  private stopped = false;

  constructor(private readonly options: TaskWorkerOptions) {}

  async start(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.tick(), this.options.pollIntervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Looks for work now rather than at the next poll, e.g. right after a task is created. */
  nudge(): void {
    void this.tick();
  }

  /** Stops taking tasks; running ones are failed with the reason, as nothing will finish them. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const controller of this.running.values()) controller.abort(new Error('The backend shut down while this task ran; run the template again'));
    const deadline = Date.now() + 5000;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  private async sweep(): Promise<void> {
    const failed = await this.options.store.failStale(this.options.heartbeatTimeoutMs);
    if (failed.length === 0) return;
    this.options.logger.warn(`Failed ${failed.length} scaffolder tasks whose backend stopped while they ran`);
    // Their workspaces are left behind by the process that died; if it ran on this machine, they go now.
    await removeWorkspaces(failed);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    this.pollAgain = false;
    try {
      await this.sweep();
      while (!this.stopped && this.running.size < this.options.concurrency) {
        const task = await this.options.store.claim();
        if (!task) break;
        const controller = new AbortController();
        this.running.set(task.id, controller);
        void this.run(task, controller).finally(() => {
          this.running.delete(task.id);
          this.nudge();
        });
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'Scaffolder task polling failed');
    } finally {
      this.polling = false;
      if (this.pollAgain && !this.stopped) void this.tick();
    }
  }

  private async run(task: ClaimedTask, controller: AbortController): Promise<void> {
    const { store, runner } = this.options;
    let pending: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      void store
        .heartbeat(task.id)
        .then(({ cancelRequested }) => {
          if (cancelRequested && !controller.signal.aborted) controller.abort(new Error('Cancelled by request'));
        })
        .catch((error: unknown) => this.options.logger.warn({ err: error }, `Heartbeat of scaffolder task ${task.id} failed`));
    }, this.options.heartbeatIntervalMs);
    const workspacePath = await fs.promises.mkdtemp(path.join(os.tmpdir(), `${WORKSPACE_PREFIX}${task.id}-`));
    try {
      const parsed = parseTemplateEntity(task.spec.template);
      if (!parsed.ok) throw new Error(`The stored template is not valid: ${parsed.problems.join('; ')}`);
      const secrets = task.secrets ? this.options.secrets.open(task.secrets) : {};
      const result = await runner.run({
        template: parsed.template,
        values: task.spec.values,
        secrets,
        templateInfo: task.spec.templateInfo,
        user: task.spec.user,
        workspacePath,
        isDryRun: false,
        signal: controller.signal,
        emit: (event) => {
          // Appends are chained so the log keeps the order events happened in.
          pending = pending.then(() =>
            store.appendEvent(task.id, {
              message: event.message,
              ...(event.stepId ? { stepId: event.stepId } : {}),
              ...(event.status ? { status: event.status } : {}),
            }),
          );
        },
      });
      await pending;
      if (result.status === 'completed') {
        await store.finish(task.id, { status: 'completed', output: result.output });
      } else if (result.status === 'cancelled') {
        const reason = controller.signal.reason instanceof Error ? controller.signal.reason.message : 'Cancelled';
        await store.finish(task.id, { status: reason.startsWith('The backend shut down') ? 'failed' : 'cancelled', error: reason });
      } else {
        const step = parsed.template.spec.steps.find((s, i) => (s.id ?? `step-${i + 1}`) === result.error?.stepId);
        await store.finish(task.id, {
          status: 'failed',
          error: `Step ${step?.name ?? result.error?.stepId ?? '?'} failed: ${result.error?.message ?? 'unknown error'}`,
        });
      }
    } catch (error) {
      await pending.catch(() => undefined);
      await store
        .finish(task.id, { status: 'failed', error: error instanceof Error ? error.message : String(error) })
        .catch((e: unknown) => this.options.logger.error({ err: e }, `Could not record the end of scaffolder task ${task.id}`));
    } finally {
      clearInterval(heartbeat);
      await fs.promises.rm(workspacePath, { recursive: true, force: true });
    }
  }
}
