import type { z } from 'zod';
import { describeZodError } from '@callboard/common';
import type { RootConfigService } from '@callboard/backend-plugin-api';
import { StartupError } from '../StartupError.ts';
import type { LoadedConfig } from './loadConfig.ts';

export function getPath(data: unknown, dotted: string): unknown {
  let current: unknown = data;
  for (const key of dotted.split('.').filter(Boolean)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export class RootConfig implements RootConfigService {
  readonly data: Readonly<Record<string, unknown>>;
  readonly baseDir: string;

  private constructor(loaded: LoadedConfig) {
    this.data = loaded.data;
    this.baseDir = loaded.baseDir;
  }

  static from(loaded: LoadedConfig): RootConfig {
    return new RootConfig(loaded);
  }

  get(path: string): unknown {
    return getPath(this.data, path);
  }

  section<S extends z.ZodType>(path: string, schema: S): z.output<S> {
    const result = schema.safeParse(this.get(path));
    if (!result.success) {
      throw new StartupError(`Invalid configuration: ${describeZodError(result.error, path)}`);
    }
    return result.data;
  }
}
