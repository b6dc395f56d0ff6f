import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router';

const STORAGE_KEY = 'callboard.scrollPositions';
const MAX_ENTRIES = 50;
/** How long a restore waits for the page's content (a lazy chunk, cached rows) to be tall enough. */
const RESTORE_WAIT_MS = 1500;

function readPositions(): [string, number][] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? (value.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number') as [string, number][]) : [];
  } catch {
    return [];
  }
}

function writePositions(positions: Map<string, number>): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...positions].slice(-MAX_ENTRIES)));
  } catch {
    // Storage full or disabled: Back then lands at the top, which is still usable.
  }
}

/**
 * What a browser does for ordinary pages, done for the app's own
 * navigations: a new page opens at its top (not at the scroll position of a
 * long list it was opened from), and Back returns to where you were on the
 * page you left, once its content is there again.
 */
export function ScrollRestoration() {
  const location = useLocation();
  const navigationType = useNavigationType();
  const positions = useRef<Map<string, number>>(undefined);
  positions.current ??= new Map(readPositions());
  // Which history entry scroll events belong to. It changes at commit, before the
  // new page can fire a scroll event (clamping to its height, or our scroll to
  // the top), so those never overwrite the position of the page that was left.
  const currentKey = useRef(location.key);
  const previousPath = useRef(location.pathname);

  useEffect(() => {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const persist = () => {
      timer = undefined;
      writePositions(positions.current!);
    };
    const onScroll = () => {
      const map = positions.current!;
      map.delete(currentKey.current);
      map.set(currentKey.current, window.scrollY);
      timer ??= setTimeout(persist, 250);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', persist);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', persist);
      if (timer) clearTimeout(timer);
    };
  }, []);

  useLayoutEffect(() => {
    currentKey.current = location.key;
    const pathChanged = previousPath.current !== location.pathname;
    previousPath.current = location.pathname;
    if (navigationType !== 'POP') {
      // Only a new page starts at the top; a changed filter on the same page keeps its place.
      if (pathChanged) window.scrollTo(0, 0);
      return;
    }
    const target = positions.current!.get(location.key);
    if (target === undefined) return;
    const started = performance.now();
    let frame = 0;
    const attempt = () => {
      const reachable = document.documentElement.scrollHeight - window.innerHeight >= target;
      if (reachable || performance.now() - started > RESTORE_WAIT_MS) {
        window.scrollTo(0, target);
        return;
      }
      frame = requestAnimationFrame(attempt);
    };
    attempt();
    // A reader who scrolls in the meantime has chosen their own place.
    const stop = () => cancelAnimationFrame(frame);
    window.addEventListener('wheel', stop, { passive: true, once: true });
    window.addEventListener('touchstart', stop, { passive: true, once: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('wheel', stop);
      window.removeEventListener('touchstart', stop);
    };
  }, [location.key, location.pathname, navigationType]);

  return null;
}
