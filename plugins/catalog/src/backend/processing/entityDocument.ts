import type { Entity } from '@callboard/catalog-model';

/**
 * An entity's JSON, written once where it is processed: it is hashed, sent
 * from a worker thread, and stored, as this one text. The stored document
 * also carries the uid and etag, which are known only when it is written;
 * `metadataEnd` is where they go, the closing brace of `metadata`.
 */
export interface EntityDocument {
  json: string;
  metadataEnd: number;
}

/** The same text as JSON.stringify(entity), and where its metadata ends. */
export function serialiseEntity(entity: Entity): EntityDocument {
  const metadata = JSON.stringify(entity.metadata);
  let json = '{';
  let metadataEnd = -1;
  for (const key of Object.keys(entity)) {
    const text = key === 'metadata' ? metadata : (JSON.stringify((entity as Record<string, unknown>)[key]) as string | undefined);
    // JSON.stringify leaves out keys whose value it cannot write (undefined, functions).
    if (text === undefined) continue;
    if (json.length > 1) json += ',';
    json += `${JSON.stringify(key)}:`;
    if (key === 'metadata') metadataEnd = json.length + metadata.length - 1;
    json += text;
  }
  return { json: `${json}}`, metadataEnd };
}

/** The document as stored: metadata ends with the uid and etag, as `{ ...metadata, uid, etag }` would. */
export function storedJson(document: EntityDocument, uid: string, etag: string): string {
  const { json, metadataEnd } = document;
  // metadata always has a name, so the uid follows a member.
  return `${json.slice(0, metadataEnd)},"uid":${JSON.stringify(uid)},"etag":${JSON.stringify(etag)}${json.slice(metadataEnd)}`;
}
