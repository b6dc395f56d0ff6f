import type { EventTopic, EventsService, LoggerService } from '@callboard/backend-plugin-api';

type Handler = (payload: unknown) => void | Promise<void>;

/**
 * Publish/subscribe inside one process. `publish` resolves once every
 * subscriber has handled the event; a failing subscriber is logged and does
 * not affect the publisher or the other subscribers.
 */
export class InProcessEvents implements EventsService {
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly logger: LoggerService) {}

  async publish<T>(topic: EventTopic<T>, payload: T): Promise<void> {
    const subscribers = [...(this.handlers.get(topic.name) ?? [])];
    const results = await Promise.allSettled(subscribers.map(async (h) => h(payload)));
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.error({ err: result.reason, topic: topic.name }, `A subscriber to '${topic.name}' failed`);
      }
    }
  }

  subscribe<T>(topic: EventTopic<T>, handler: (payload: T) => void | Promise<void>): () => void {
    let set = this.handlers.get(topic.name);
    if (!set) {
      set = new Set();
      this.handlers.set(topic.name, set);
    }
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }
}
