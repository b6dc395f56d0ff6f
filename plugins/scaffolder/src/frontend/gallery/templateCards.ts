import { humanizeEntityRef, safeParseEntityRef, stringifyEntityRef } from '@callboard/catalog-model';
import { entityRoute } from '@callboard/frontend-plugin-api';

/** What the gallery shows of a Template entity, and how it filters them. */
export interface TemplateCard {
  namespace: string;
  name: string;
  title: string;
  description: string;
  type: string;
  tags: string[];
  owner?: { ref: string; label: string; path: string };
  docsPath?: string;
  wizardPath: string;
}

interface TemplateLike {
  metadata: { name: string; namespace?: string; title?: string; description?: string; tags?: string[]; annotations?: Record<string, string> };
  spec?: { type?: unknown; owner?: unknown };
}

function ownerOf(owner: unknown): TemplateCard['owner'] {
  if (typeof owner !== 'string') return undefined;
  // spec.owner defaults to the Group kind, as everywhere in the catalog.
  const parsed = safeParseEntityRef(owner, { defaultKind: 'group' });
  if (!parsed.ok) return undefined;
  return { ref: stringifyEntityRef(parsed.ref), label: humanizeEntityRef(parsed.ref, { defaultKind: 'group' }), path: entityRoute(parsed.ref) };
}

export function templateCard(entity: TemplateLike): TemplateCard {
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const owner = ownerOf(entity.spec?.owner);
  const hasDocs = Boolean(entity.metadata.annotations?.['backstage.io/techdocs-ref']);
  return {
    namespace,
    name,
    title: entity.metadata.title ?? name,
    description: entity.metadata.description ?? '',
    type: typeof entity.spec?.type === 'string' ? entity.spec.type : 'other',
    tags: Array.isArray(entity.metadata.tags) ? entity.metadata.tags.filter((t): t is string => typeof t === 'string') : [],
    ...(owner ? { owner } : {}),
    ...(hasDocs ? { docsPath: `${entityRoute({ kind: 'template', namespace, name })}/docs` } : {}),
    wizardPath: `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
  };
}

export interface GalleryFilter {
  text: string;
  type: string;
  tags: string[];
}

/** Text matches title, name, description, tags and owner; every chosen tag must be on the template. */
export function filterCards(cards: TemplateCard[], filter: GalleryFilter): TemplateCard[] {
  const needle = filter.text.trim().toLowerCase();
  return cards.filter((card) => {
    if (filter.type && card.type !== filter.type) return false;
    if (filter.tags.some((tag) => !card.tags.includes(tag))) return false;
    if (!needle) return true;
    return [card.title, card.name, card.description, card.owner?.label ?? '', ...card.tags].some((text) => text.toLowerCase().includes(needle));
  });
}
