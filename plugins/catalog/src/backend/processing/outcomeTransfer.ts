import type { Entity } from '@callboard/catalog-model';
import type { EntityDocument } from './entityDocument.ts';
import type { PreparedRow } from './entityRow.ts';
import type { FacetPair } from './entityTerms.ts';
import type { DocumentOutcome, FileOutcome } from './processFileText.ts';
import type { ProcessedEntity } from './processEntity.ts';

/** A processed entity as it travels, without its document and prepared row, which travel as strings beside it. */
type ProcessedFields = Omit<ProcessedEntity, 'entity' | 'document' | 'prepared'> & { metadataEnd: number; facets?: FacetPair[] };

/**
 * A file's outcome as a worker sends it. The processed entities' small
 * fields travel as one JSON text, their documents and prepared rows as
 * strings, which a message copies without looking into them. The event loop
 * parses a document only if something asks for the entity (entities written
 * from a prepared row never are): in a bulk load, parsing 100,000 entities
 * again cost the event loop 0.7 s, and their objects as much again in
 * garbage collection. Documents still to be completed on the event loop keep
 * structured clone, so their values reach validation exactly as parsed.
 */
export type EncodedOutcome =
  | { ok: false; error: string }
  | {
      ok: true;
      processedJson: string;
      entityJson: string[];
      preparedFields?: string[];
      relationLines?: string[];
      documents: (Exclude<DocumentOutcome, { status: 'processed' }> | { index: number; line: number; status: 'processed' })[];
    };

export function encodeOutcome(outcome: FileOutcome): EncodedOutcome {
  if (!outcome.ok) return outcome;
  const processed: ProcessedFields[] = [];
  const entityJson: string[] = [];
  const preparedFields: string[] = [];
  const relationLines: string[] = [];
  const documents = outcome.documents.map((doc) => {
    if (doc.status !== 'processed') return doc;
    const { entity: _entity, document, prepared, ...fields } = doc.processed;
    processed.push({ ...fields, metadataEnd: document.metadataEnd, ...(prepared ? { facets: prepared.facets } : {}) });
    entityJson.push(document.json);
    if (prepared) {
      preparedFields.push(prepared.fields);
      relationLines.push(prepared.relationLines);
    }
    return { index: doc.index, line: doc.line, status: 'processed' as const };
  });
  return {
    ok: true,
    processedJson: JSON.stringify(processed),
    entityJson,
    ...(preparedFields.length ? { preparedFields, relationLines } : {}),
    documents,
  };
}

/** A processed entity from a worker: its entity is parsed from its document on first use. */
class TransferredEntity implements ProcessedEntity {
  readonly ref: string;
  readonly relations: ProcessedEntity['relations'];
  readonly hash: string;
  readonly status: ProcessedEntity['status'];
  readonly sourceKey: string;
  readonly parentRef?: string;
  readonly document: EntityDocument;
  readonly prepared?: PreparedRow;
  private parsed: Entity | undefined;

  constructor(fields: ProcessedFields, json: string, prepared: PreparedRow | undefined) {
    this.ref = fields.ref;
    this.relations = fields.relations;
    this.hash = fields.hash;
    this.status = fields.status;
    this.sourceKey = fields.sourceKey;
    if (fields.parentRef !== undefined) this.parentRef = fields.parentRef;
    this.document = { json, metadataEnd: fields.metadataEnd };
    if (prepared) this.prepared = prepared;
  }

  get entity(): Entity {
    return (this.parsed ??= JSON.parse(this.document.json) as Entity);
  }
}

export function decodeOutcome(encoded: EncodedOutcome): FileOutcome {
  if (!encoded.ok) return encoded;
  const processed = JSON.parse(encoded.processedJson) as ProcessedFields[];
  let next = 0;
  let nextPrepared = 0;
  return {
    ok: true,
    documents: encoded.documents.map((doc) => {
      if (doc.status !== 'processed') return doc;
      const i = next++;
      const fields = processed[i]!;
      let prepared: PreparedRow | undefined;
      if (fields.facets && encoded.preparedFields && encoded.relationLines) {
        const j = nextPrepared++;
        prepared = { fields: encoded.preparedFields[j]!, relationLines: encoded.relationLines[j]!, facets: fields.facets };
      }
      return { ...doc, processed: new TransferredEntity(fields, encoded.entityJson[i]!, prepared) };
    }),
  };
}
