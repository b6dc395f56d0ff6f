import type { Entity } from '@callboard/catalog-model';
import type { EntityDocument } from './entityDocument.ts';
import type { PreparedRow } from './entityRow.ts';
import type { FacetPair } from './entityTerms.ts';
import type { DocumentOutcome, FileOutcome } from './processFileText.ts';
import type { ProcessedEntity } from './processEntity.ts';

/** A processed entity as it travels: its document travels as a string beside it, its prepared row's bytes in the outcome's buffer. */
type ProcessedFields = Omit<ProcessedEntity, 'entity' | 'document' | 'prepared'> & {
  metadataEnd: number;
  prepared?: { uid: string; facets: FacetPair[]; rowLength: number; relationsLength: number };
};

/**
 * A file's outcome as a worker sends it. The processed entities' small
 * fields travel as one JSON text, their documents as strings, which a
 * message copies without looking into them, and their prepared rows' bytes
 * one after another in one buffer, which is handed over without a copy and
 * never enters the event loop's heap. The event loop
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
      /** Each prepared entity's row, then its relations. */
      preparedBytes?: ArrayBuffer;
      documents: (Exclude<DocumentOutcome, { status: 'processed' }> | { index: number; line: number; status: 'processed' })[];
    };

/** The outcome to post, and the buffer to transfer with it. */
export function encodeOutcome(outcome: FileOutcome): { encoded: EncodedOutcome; transfer: ArrayBuffer[] } {
  if (!outcome.ok) return { encoded: outcome, transfer: [] };
  const processed: ProcessedFields[] = [];
  const entityJson: string[] = [];
  const parts: Uint8Array[] = [];
  let size = 0;
  const documents = outcome.documents.map((doc) => {
    if (doc.status !== 'processed') return doc;
    const { entity: _entity, document, prepared, ...fields } = doc.processed;
    const travelling: ProcessedFields = { ...fields, metadataEnd: document.metadataEnd };
    if (prepared) {
      travelling.prepared = { uid: prepared.uid, facets: prepared.facets, rowLength: prepared.row.length, relationsLength: prepared.relations.length };
      parts.push(prepared.row, prepared.relations);
      size += prepared.row.length + prepared.relations.length;
    }
    processed.push(travelling);
    entityJson.push(document.json);
    return { index: doc.index, line: doc.line, status: 'processed' as const };
  });
  const encoded: EncodedOutcome = { ok: true, processedJson: JSON.stringify(processed), entityJson, documents };
  if (!parts.length) return { encoded, transfer: [] };
  // A buffer of its own: a small one from Node's shared pool must never be transferred.
  const bytes = Buffer.allocUnsafeSlow(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  encoded.preparedBytes = bytes.buffer;
  return { encoded, transfer: [bytes.buffer] };
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
  let offset = 0;
  return {
    ok: true,
    documents: encoded.documents.map((doc) => {
      if (doc.status !== 'processed') return doc;
      const i = next++;
      const { prepared: travelled, ...fields } = processed[i]!;
      let prepared: PreparedRow | undefined;
      if (travelled && encoded.preparedBytes) {
        const { rowLength, relationsLength, uid, facets } = travelled;
        const row = Buffer.from(encoded.preparedBytes, offset, rowLength);
        const relations = Buffer.from(encoded.preparedBytes, offset + rowLength, relationsLength);
        offset += rowLength + relationsLength;
        prepared = { row, relations, uid, facets };
      }
      return { ...doc, processed: new TransferredEntity(fields, encoded.entityJson[i]!, prepared) };
    }),
  };
}
