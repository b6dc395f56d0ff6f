import type { EntityValidator } from './processDocuments.ts';
import { validateDocument } from './processDocuments.ts';
import { processEntity, type ProcessedEntity } from './processEntity.ts';
import { parseCatalogYaml } from '../reading/parseCatalogYaml.ts';
import { containsPlaceholder } from '../reading/placeholders.ts';
import { prepareRow } from './entityRow.ts';
import { newEntityUid } from '../database/entityUid.ts';

/** One catalog file, read, to be parsed, validated and processed in one go. */
export interface FileToProcess {
  text: string;
  /** The file as messages name it. */
  label: string;
  sourceKey: string;
  originKey: string;
  parentRef?: string;
}

/** What became of each document of a file, in file order. */
export type DocumentOutcome = { index: number; line: number } & (
  | { status: 'processed'; processed: ProcessedEntity }
  /** Holds a placeholder: the reader substitutes it, then validates. */
  | { status: 'pending'; value: unknown }
  | { status: 'invalid'; value: unknown; message: string }
);

export type FileOutcome = { ok: true; documents: DocumentOutcome[] } | { ok: false; error: string };

export function documentWhere(label: string, doc: { index: number; line: number }): string {
  return `${label} document ${doc.index} (line ${doc.line})`;
}

/**
 * Everything the catalog does to a file's text that needs nothing but the
 * text: parse, validate against the built-in kinds, process. A pure
 * function, so it can run in a worker thread (ProcessingWorkers) as well as
 * on the event loop, with the same results and messages.
 */
export function processFileText(file: FileToProcess, validator: EntityValidator, options: { prepareRows?: boolean } = {}): FileOutcome {
  const parsed = parseCatalogYaml(file.text, file.label);
  if (!parsed.ok) return parsed;
  const documents: DocumentOutcome[] = parsed.documents.map((doc) => {
    const position = { index: doc.index, line: doc.line };
    if (containsPlaceholder(doc.value)) return { ...position, status: 'pending', value: doc.value };
    const validation = validateDocument(doc.value, documentWhere(file.label, doc), validator);
    if (!validation.ok) return { ...position, status: 'invalid', value: doc.value, message: validation.message };
    const processed = processEntity(validation.entity, {
      sourceKey: file.sourceKey,
      originKey: file.originKey,
      ...(file.parentRef ? { parentRef: file.parentRef } : {}),
      // Nothing changes the entity between validation and here, so its relations stand.
      ...(validation.relations ? { relations: validation.relations } : {}),
    });
    // The row PostgreSQL will store if the entity is new (entityRow.ts), done here in the worker.
    if (options.prepareRows) processed.prepared = prepareRow(processed, newEntityUid());
    return { ...position, status: 'processed', processed };
  });
  return { ok: true, documents };
}
