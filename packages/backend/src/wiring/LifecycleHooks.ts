import type { LifecycleService, LoggerService } from '@callboard/backend-plugin-api';

type Hook = { pluginId: string; fn: () => void | Promise<void> };

export class LifecycleHooks {
  private readonly startup: Hook[] = [];
  private readonly shutdown: Hook[] = [];

  constructor(private readonly logger: LoggerService) {}

  forPlugin(pluginId: string): LifecycleService {
    return {
      addStartupHook: (fn) => void this.startup.push({ pluginId, fn }),
      addShutdownHook: (fn) => void this.shutdown.push({ pluginId, fn }),
    };
  }

  /** Startup hooks run after every plugin's init, before the backend reports ready. */
  async runStartup(): Promise<void> {
    for (const hook of this.startup) await hook.fn();
  }

  /** Shutdown hooks run in reverse order; one failing does not stop the rest. */
  async runShutdown(): Promise<void> {
    for (const hook of [...this.shutdown].reverse()) {
      try {
        await hook.fn();
      } catch (error) {
        this.logger.error({ err: error, plugin: hook.pluginId }, `Shutdown hook of plugin '${hook.pluginId}' failed`);
      }
    }
  }
}
