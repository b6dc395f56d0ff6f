import { useCallback, useSyncExternalStore } from 'react';
import { entityRefKey, type CompoundEntityRef, type Entity } from '@callboard/catalog-model';

export const STARRED_STORAGE_KEY = 'callboard.catalog.starredEntities';

/** Refs are compared case-insensitively, so they are kept in their lowercased key form. */
export function parseStarred(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    const refs = value.filter((v): v is string => typeof v === 'string' && /^[^:]+:[^/]+\/.+$/.test(v));
    return [...new Set(refs.map((r) => r.toLocaleLowerCase('en-US')))];
  } catch {
    // Someone's hand-edited or corrupted storage must not break the catalog.
    return [];
  }
}

export function toggleStarred(starred: readonly string[], ref: string): string[] {
  const key = ref.toLocaleLowerCase('en-US');
  return starred.includes(key) ? starred.filter((r) => r !== key) : [...starred, key];
}

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedRefs: string[] = [];

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled (privacy settings); starring then lasts for the page's life.
    return undefined;
  }
}

let memoryFallback: string | null = null;

function readRaw(): string | null {
  const store = storage();
  return store ? store.getItem(STARRED_STORAGE_KEY) : memoryFallback;
}

/** The same array while storage is unchanged, as useSyncExternalStore requires. */
function snapshot(): string[] {
  const raw = readRaw();
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedRefs = parseStarred(raw);
  }
  return cachedRefs;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab starring something updates this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === STARRED_STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function write(refs: string[]): void {
  const raw = JSON.stringify(refs);
  const store = storage();
  try {
    if (store) store.setItem(STARRED_STORAGE_KEY, raw);
    else memoryFallback = raw;
  } catch {
    memoryFallback = raw;
  }
  for (const listener of listeners) listener();
}

const emptyServerSnapshot: string[] = [];

export function useStarredEntities() {
  const starred = useSyncExternalStore(subscribe, snapshot, () => emptyServerSnapshot);
  const toggle = useCallback((ref: string) => write(toggleStarred(snapshot(), ref)), []);
  const isStarred = useCallback((ref: string) => starred.includes(ref.toLocaleLowerCase('en-US')), [starred]);
  return { starred, toggle, isStarred };
}

export function starKey(entity: Entity | CompoundEntityRef): string {
  return entityRefKey(entity);
}
