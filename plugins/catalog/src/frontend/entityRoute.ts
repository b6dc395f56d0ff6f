import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  parseEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@callboard/catalog-model';

// The entity page's address belongs to the app, which every plugin links to.
export { entityRoute } from '@callboard/frontend-plugin-api';

/** Entity data is user input: a malformed ref is shown as text, never breaks the page. */
export function tryParseEntityRef(
  ref: unknown,
  defaults: { defaultKind?: string; defaultNamespace?: string },
): CompoundEntityRef | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') return undefined;
  try {
    return parseEntityRef(ref, defaults);
  } catch {
    return undefined;
  }
}

/**
 * Links in entity files are user input: only web and mail addresses become
 * clickable, so a `javascript:` URL in a catalog-info.yaml stays inert text.
 */
export function safeExternalUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** `url:https://…/catalog-info.yaml` → the https address; other location types have no web page. */
function urlLocation(value: string | undefined): string | undefined {
  return value?.startsWith('url:') ? safeExternalUrl(value.slice('url:'.length)) : undefined;
}

/**
 * Where to read the entity's source: `backstage.io/view-url` when the file
 * says, else the source or managed-by location when it is a web address.
 */
export function sourceUrl(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  return (
    safeExternalUrl(annotations[ANNOTATION_VIEW_URL]) ??
    urlLocation(annotations[ANNOTATION_SOURCE_LOCATION]) ??
    urlLocation(annotations[ANNOTATION_LOCATION])
  );
}

/** Where to edit the entity's file, only when `backstage.io/edit-url` says: guessing a forge's edit URL goes wrong too often. */
export function editUrl(entity: Entity): string | undefined {
  return safeExternalUrl(entity.metadata.annotations?.[ANNOTATION_EDIT_URL]);
}

export function specString(entity: Entity, field: string): string | undefined {
  const value = entity.spec?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What people call the entity: its title, a user's or group's display name, else its name. */
export function entityTitle(entity: Entity): string {
  const profile = entity.spec?.['profile'];
  const displayName =
    typeof profile === 'object' && profile !== null ? (profile as Record<string, unknown>)['displayName'] : undefined;
  return entity.metadata.title || (typeof displayName === 'string' && displayName ? displayName : entity.metadata.name);
}

/** A spec field that holds one ref or a list of refs (memberOf, dependsOn…), as a list. */
export function specRefs(entity: Entity, field: string): string[] {
  const value = entity.spec?.[field];
  if (typeof value === 'string') return value ? [value] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

export function profileEmail(entity: Entity): string | undefined {
  const profile = entity.spec?.['profile'];
  const email = typeof profile === 'object' && profile !== null ? (profile as Record<string, unknown>)['email'] : undefined;
  return typeof email === 'string' && email ? email : undefined;
}
