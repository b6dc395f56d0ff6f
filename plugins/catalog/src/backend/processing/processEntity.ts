import { createHash } from 'node:crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  entityRefKey,
  type Entity,
  type EntityRelation,
  type EntityStatusItem,
  type KindDefinition,
  deriveRelations,
} from '@callboard/catalog-model';

export interface ProcessedEntity {
  ref: string;
  entity: Entity;
  relations: EntityRelation[];
  hash: string;
  /** Problems that did not stop the entity; shown in its status. */
  status: EntityStatusItem[];
  sourceKey: string;
  parentRef?: string;
}

export const PROCESSING_STATUS_TYPE = 'callboard.dev/catalog-processing';

/** Fills defaults and location annotations, derives relations, hashes the result. */
export function processEntity(
  raw: Entity,
  options: { sourceKey: string; originKey: string; parentRef?: string; extraKinds?: readonly KindDefinition[] },
): ProcessedEntity {
  const { uid: _uid, etag: _etag, ...metadata } = raw.metadata;
  const entity: Entity = {
    ...raw,
    metadata: {
      ...metadata,
      namespace: raw.metadata.namespace ?? DEFAULT_NAMESPACE,
      annotations: {
        ...raw.metadata.annotations,
        [ANNOTATION_LOCATION]: options.sourceKey,
        [ANNOTATION_ORIGIN_LOCATION]: options.originKey,
      },
    },
  };
  delete entity.relations;
  delete entity.status;
  const { relations, problems } = deriveRelations(entity, options.extraKinds ? { extraKinds: options.extraKinds } : undefined);
  const status: EntityStatusItem[] = problems.map((message) => ({ type: PROCESSING_STATUS_TYPE, level: 'warning', message }));
  const hash = createHash('sha256')
    // Key order follows the file, so the same file always hashes the same; a
    // reordered file only costs one rewrite.
    .update(JSON.stringify({ entity, relations, status, parent: options.parentRef ?? null }))
    .digest('hex');
  return {
    ref: entityRefKey(entity),
    entity,
    relations,
    hash,
    status,
    sourceKey: options.sourceKey,
    ...(options.parentRef ? { parentRef: options.parentRef } : {}),
  };
}
