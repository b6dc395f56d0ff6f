import { hash as digest } from 'node:crypto';
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
import { serialiseEntity, type EntityDocument } from './entityDocument.ts';
import type { PreparedRow } from './entityRow.ts';

export interface ProcessedEntity {
  ref: string;
  entity: Entity;
  relations: EntityRelation[];
  hash: string;
  /** Problems that did not stop the entity; shown in its status. */
  status: EntityStatusItem[];
  sourceKey: string;
  parentRef?: string;
  /** The entity's JSON (entityDocument.ts). */
  document: EntityDocument;
  /** Its row in COPY's binary format, when a worker thread prepared it (entityRow.ts). */
  prepared?: PreparedRow;
}

export const PROCESSING_STATUS_TYPE = 'callboard.dev/catalog-processing';

/** Fills defaults and location annotations, derives relations, hashes the result. */
export function processEntity(
  raw: Entity,
  options: {
    sourceKey: string;
    originKey: string;
    parentRef?: string;
    extraKinds?: readonly KindDefinition[];
    /** The relations validation read from this entity's spec (EntityValidation), so they are not read twice. */
    relations?: EntityRelation[];
  },
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
  // Validation refuses unreadable references, so relations it read come without problems.
  const { relations, problems } = options.relations
    ? { relations: options.relations, problems: [] }
    : deriveRelations(entity, options.extraKinds ? { extraKinds: options.extraKinds } : undefined);
  const status: EntityStatusItem[] = problems.map((message) => ({ type: PROCESSING_STATUS_TYPE, level: 'warning', message }));
  const document = serialiseEntity(entity);
  // Key order follows the file, so the same file always hashes the same; a
  // reordered file only costs one rewrite. The text is that of
  // JSON.stringify({ entity, relations, status, parent }), with the
  // entity's JSON written once.
  const hash = digest(
    'sha256',
    `{"entity":${document.json},"relations":${JSON.stringify(relations)},"status":${JSON.stringify(status)},"parent":${JSON.stringify(options.parentRef ?? null)}}`,
    'hex',
  );
  return {
    ref: entityRefKey(entity),
    entity,
    relations,
    hash,
    status,
    sourceKey: options.sourceKey,
    ...(options.parentRef ? { parentRef: options.parentRef } : {}),
    document,
  };
}
