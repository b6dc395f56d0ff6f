import picomatch from 'picomatch';

/**
 * Matches skeleton paths against copyWithout* globs the way Backstage's
 * globbing does: dot files count, and a pattern naming a folder
 * (`.github/workflows/`) covers every file below it.
 */
export function createGlobMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const matchers = patterns.map((p) => picomatch(p.replace(/^\.\//, '').replace(/\/+$/, ''), { dot: true }));
  if (matchers.length === 0) return () => false;
  return (relativePath) => {
    const parts = relativePath.split('/');
    for (let i = parts.length; i > 0; i--) {
      const candidate = parts.slice(0, i).join('/');
      if (matchers.some((m) => m(candidate))) return true;
    }
    return false;
  };
}
