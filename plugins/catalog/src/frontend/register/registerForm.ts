/** `url`: one file on an allowed host; `git`: a repository, every catalog-info.yaml in it; `file`: a path on the server. */
export type LocationType = 'url' | 'git' | 'file';

/** What the target field holds, checked before asking the server so an obvious slip gets an immediate answer. */
export function checkTarget(type: LocationType, raw: string): { target: string; problem?: string } {
  const target = raw.trim();
  if (!target) {
    const what = type === 'url' ? 'the URL of a catalog-info.yaml file' : type === 'git' ? 'the https URL of a Git repository' : 'the path of a catalog-info.yaml file';
    return { target, problem: `Enter ${what}.` };
  }
  if (type === 'url' || type === 'git') {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return { target, problem: 'This is not a full URL: start it with https://.' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { target, problem: `A ${url.protocol.replace(/:$/, '')} address cannot be read; use an https:// URL.` };
    }
    return { target };
  }
  if (/^https?:\/\//i.test(target)) return { target, problem: 'This is a URL: choose “URL” as the type.' };
  return { target };
}

/** The type a pasted target most likely is, so pasting a URL into a "file" form just works. */
export function guessType(raw: string): LocationType | undefined {
  const target = raw.trim();
  if (/^https?:\/\/.+\.git\/?$/i.test(target)) return 'git';
  if (/^https?:\/\//i.test(target)) return 'url';
  if (target.startsWith('/') || target.startsWith('./') || target.startsWith('../')) return 'file';
  return undefined;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago"; "just now" under a minute; undefined for a missing or unreadable time. */
export function formatAge(iso: string | undefined, now: number = Date.now()): string | undefined {
  if (!iso) return undefined;
  // Epoch milliseconds are accepted too: what a database column holds.
  const time = /^\d+$/.test(iso) ? Number(iso) : Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}
