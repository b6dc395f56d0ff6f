import type { z } from 'zod';

/** `locations[2].target` style path, the way a person reads a config file. */
export function formatIssuePath(path: readonly PropertyKey[], prefix?: string): string {
  let out = prefix ?? '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(root)';
}

/** zod's messages start with "Invalid input: "; the path already says that. */
function plainMessage(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, '');
}

export function zodIssuesToList(
  error: z.ZodError,
  prefix?: string,
): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: formatIssuePath(issue.path, prefix),
    message: plainMessage(issue),
  }));
}

export function describeZodError(error: z.ZodError, prefix?: string): string {
  return zodIssuesToList(error, prefix)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}
