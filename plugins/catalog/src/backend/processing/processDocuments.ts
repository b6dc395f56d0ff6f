import { DEFAULT_NAMESPACE, type EntityValidation, type EntityValidator as ModelValidator, type KindDefinition } from '@callboard/catalog-model';
import type { CatalogProcessor } from '../extensionPoints.ts';
import type { SourceDocument } from '../reading/types.ts';
import { processEntity, type ProcessedEntity } from './processEntity.ts';

/** What processing needs of the catalog-model's validator. */
export type EntityValidator = Pick<ModelValidator, 'validate'>;

export interface ProcessedDocuments {
  entities: ProcessedEntity[];
  /** Entities that failed this time but are known by name: their last good version stays, with these errors. */
  kept: Map<string, string[]>;
  /** Problems that belong to the location, not to any one entity. */
  problems: string[];
}

/** The ref a raw document claims, when it is clear enough to name. */
function claimedRef(value: unknown): string | undefined {
  const v = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (!v || typeof v !== 'object' || typeof v.kind !== 'string' || typeof v.metadata?.name !== 'string') return undefined;
  const namespace = typeof v.metadata.namespace === 'string' ? v.metadata.namespace : DEFAULT_NAMESPACE;
  return `${v.kind}:${namespace}/${v.metadata.name}`.toLowerCase();
}

/** An entity, or the message a document's validation failure is reported with. */
export function validateDocument(
  value: unknown,
  where: string,
  validator: EntityValidator,
): Extract<EntityValidation, { ok: true }> | { ok: false; message: string } {
  const validation = validator.validate(value);
  if (validation.ok) return validation;
  const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  const label = typeof name === 'string' ? ` '${name}'` : '';
  return { ok: false, message: `${where}: entity${label} is invalid: ${validation.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}` };
}

/**
 * Validates and processes what a location read. A broken entity never takes
 * others with it; one that can still be named keeps its last good version
 * and carries the error in its status.
 */
export async function processDocuments(
  documents: readonly SourceDocument[],
  options: { originKey: string; validator: EntityValidator; processors: readonly CatalogProcessor[]; extraKinds?: readonly KindDefinition[] },
): Promise<ProcessedDocuments> {
  const entities: ProcessedEntity[] = [];
  const kept = new Map<string, string[]>();
  const problems: string[] = [];
  const fail = (doc: SourceDocument, message: string) => {
    const ref = claimedRef(doc.value);
    if (ref) kept.set(ref, [...(kept.get(ref) ?? []), message]);
    else problems.push(message);
  };
  for (const doc of documents) {
    if (doc.error) {
      fail(doc, doc.error);
      continue;
    }
    // Done already by the reader (processFileText, perhaps in a worker thread).
    if (doc.processed) {
      entities.push(doc.processed);
      continue;
    }
    if (doc.invalid) {
      fail(doc, doc.invalid);
      continue;
    }
    const validation = validateDocument(doc.value, doc.where, options.validator);
    if (!validation.ok) {
      fail(doc, validation.message);
      continue;
    }
    let entity = validation.entity;
    try {
      for (const processor of options.processors) entity = await processor.process(entity, { locationKey: options.originKey });
    } catch (error) {
      fail(doc, `${doc.where}: entity '${entity.metadata.name}' was rejected by a processor: ${(error as Error).message}`);
      continue;
    }
    entities.push(
      processEntity(entity, {
        sourceKey: doc.sourceKey,
        originKey: options.originKey,
        ...(doc.parentRef ? { parentRef: doc.parentRef } : {}),
        ...(options.extraKinds ? { extraKinds: options.extraKinds } : {}),
      }),
    );
  }
  return { entities, kept, problems };
}
