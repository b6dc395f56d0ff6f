import type { TaskEvent } from '../../common/taskRoutes.ts';

export type StepState = 'waiting' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export interface TaskProgress {
  /** Last event seen, to resume the stream after a reconnect. */
  lastEventId: number;
  steps: Record<string, { state: StepState; startedAt?: string; endedAt?: string }>;
  /** Every log line, in order, with the step that wrote it. */
  lines: { id: number; stepId?: string; message: string; createdAt: string }[];
  finished: 'completed' | 'failed' | 'cancelled' | undefined;
}

export const emptyProgress: TaskProgress = { lastEventId: 0, steps: {}, lines: [], finished: undefined };

/**
 * Folds the task's events into what the task page shows. Events may arrive
 * twice (a reconnect that resumes from an older id): ids at or below the
 * last one seen are ignored, so nothing is shown twice.
 */
export function applyEvents(progress: TaskProgress, events: TaskEvent[]): TaskProgress {
  let next = progress;
  for (const event of events) {
    if (event.id <= next.lastEventId) continue;
    const steps = { ...next.steps };
    const stepId = event.body.stepId;
    const status = event.body.status;
    if (stepId && status && status !== 'open') {
      const previous = steps[stepId] ?? { state: 'waiting' as StepState };
      steps[stepId] = {
        ...previous,
        state: status as StepState,
        ...(status === 'processing' ? { startedAt: event.createdAt } : { endedAt: event.createdAt }),
      };
    }
    let finished = next.finished;
    if (event.type === 'completion') finished = status === 'failed' ? 'failed' : status === 'cancelled' ? 'cancelled' : 'completed';
    if (event.type === 'cancelled') finished = 'cancelled';
    const lines = event.body.message
      ? [...next.lines, { id: event.id, ...(stepId ? { stepId } : {}), message: event.body.message, createdAt: event.createdAt }]
      : next.lines;
    next = { lastEventId: event.id, steps, lines, finished };
  }
  return next;
}

/** How long a step took, for the step list: `1.2 s`, or undefined while it has not ended. */
export function stepDuration(step: { startedAt?: string; endedAt?: string }): string | undefined {
  if (!step.startedAt || !step.endedAt) return undefined;
  const ms = Date.parse(step.endedAt) - Date.parse(step.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
