import { createHash } from 'node:crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  entityRefKey,
  type Entity,
  type EntityRelation,
} from '@callboard/catalog-model';
import { deriveRelations } from './deriveRelations.ts';

export interface ProcessedEntity {
  ref: string;
  entity: Entity;
  relations: EntityRelation[];
  hash: string;
  problems: string[];
}

/** Sorted keys, so the same content always hashes the same. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Fills defaults and location annotations, derives relations, hashes the result. */
export function processEntity(raw: Entity, locationKey: string): ProcessedEntity {
  const { uid: _uid, etag: _etag, ...metadata } = raw.metadata;
  const entity: Entity = {
    ...raw,
    metadata: {
      ...metadata,
      namespace: raw.metadata.namespace ?? DEFAULT_NAMESPACE,
      annotations: {
        [ANNOTATION_LOCATION]: locationKey,
        [ANNOTATION_ORIGIN_LOCATION]: locationKey,
        ...raw.metadata.annotations,
      },
    },
  };
  delete entity.relations;
  delete entity.status;
  const { relations, problems } = deriveRelations(entity);
  const hash = createHash('sha256').update(stableStringify({ entity, relations })).digest('hex');
  return { ref: entityRefKey(entity), entity, relations, hash, problems };
}
