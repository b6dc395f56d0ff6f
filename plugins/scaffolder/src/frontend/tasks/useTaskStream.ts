import { useEffect, useReducer } from 'react';
import { taskEventSchema, type TaskEvent } from '../../common/taskRoutes.ts';
import { applyEvents, emptyProgress, type TaskProgress } from './taskProgress.ts';

/**
 * Follows a task's server-sent events. EventSource reconnects by itself
 * after a dropped connection and sends Last-Event-ID, so the log resumes
 * where it stopped; once the task has ended the stream is closed here,
 * or the browser would reconnect forever.
 */
export function useTaskStream(taskId: string): { progress: TaskProgress; connected: boolean } {
  const [state, dispatch] = useReducer(
    (current: { progress: TaskProgress; connected: boolean }, action: { events?: TaskEvent[]; connected?: boolean; reset?: true }) => {
      if (action.reset) return { progress: emptyProgress, connected: false };
      return {
        progress: action.events ? applyEvents(current.progress, action.events) : current.progress,
        connected: action.connected ?? current.connected,
      };
    },
    { progress: emptyProgress, connected: false },
  );

  useEffect(() => {
    dispatch({ reset: true });
    const source = new EventSource(`/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}/eventstream`);
    const onEvent = (message: MessageEvent<string>) => {
      let parsed: TaskEvent;
      try {
        parsed = taskEventSchema.parse(JSON.parse(message.data));
      } catch {
        return;
      }
      dispatch({ events: [parsed] });
      if (parsed.type !== 'log') {
        source.close();
        dispatch({ connected: false });
      }
    };
    for (const type of ['log', 'completion', 'cancelled']) source.addEventListener(type, onEvent as EventListener);
    source.onopen = () => dispatch({ connected: true });
    source.onerror = () => dispatch({ connected: false });
    return () => source.close();
  }, [taskId]);

  return state;
}
