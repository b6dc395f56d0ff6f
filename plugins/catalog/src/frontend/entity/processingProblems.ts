import type { Entity, EntityStatusItem } from '@callboard/catalog-model';

export interface ProcessingProblem {
  level: 'error' | 'warning';
  message: string;
  /** What the reader can do about it, unless the message already says. */
  advice?: string;
}

/** A sentence telling the reader what to do: the server often includes one. */
const SAYS_WHAT_TO_DO = /(^|[.:;]\s+)(check|fix|register|remove|add|ask|use|give|rename|move|create)\b/i;

/**
 * The errors and warnings from the entity's last processing, each with a
 * next step. Info items are left out: the banner is for what needs fixing.
 */
export function processingProblems(entity: Entity): ProcessingProblem[] {
  const items: EntityStatusItem[] = Array.isArray(entity.status?.items) ? entity.status.items : [];
  return items
    .filter((item) => item.level === 'error' || item.level === 'warning')
    .map((item) => {
      const message = item.message || item.error?.message || item.type;
      return {
        level: item.level as 'error' | 'warning',
        message,
        ...(SAYS_WHAT_TO_DO.test(message) ? {} : { advice: adviceFor(item) }),
      };
    })
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
}

function adviceFor(item: EntityStatusItem): string {
  const text = `${item.type} ${item.message} ${item.error?.name ?? ''}`.toLowerCase();
  if (/placeholder|\$text|\$json|\$yaml/.test(text)) {
    return 'Check that the file the placeholder points to exists, is reachable from the catalog, and is on an allowed host; then refresh.';
  }
  if (/relation|reference|does not exist|not found|missing|unknown entity/.test(text)) {
    return 'Check the spelling of the reference (kind:namespace/name) in the entity file, or register the entity it points to; then refresh.';
  }
  if (/yaml|parse|syntax|schema|invalid|validat/.test(text)) {
    return 'Fix the entity file so it is valid; the catalog keeps showing the last valid version until then.';
  }
  if (/read|fetch|timeout|unreachable|network|host/.test(text)) {
    return 'The catalog could not read the file. Check that its location still exists and is reachable, then refresh.';
  }
  return 'Fix the entity file it comes from, then refresh this entity.';
}
