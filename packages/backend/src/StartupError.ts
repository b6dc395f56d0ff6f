/**
 * A reason the backend cannot start that a person can fix: bad config, a
 * missing dependency, a plugin whose init threw. Printed as its message
 * alone; a stack trace would only hide the fix.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
