// PostgreSQL's COPY binary format, for the entity and relation rows of a
// bulk load (processing/entityRow.ts). Fields are length-prefixed, so
// PostgreSQL copies them instead of scanning each byte for escapes and
// parsing array literals: for the bench's 100,000 entity rows, a COPY took
// 1.9 s in text and 1.1 s in binary (no indexes; 4.7 s and 3.9 s with them).
//
// Rows are built as byte strings: JS strings whose every character is one
// byte (0–255), written to a buffer with the latin1 encoding in one go. Text
// that is not ASCII is turned into its UTF-8 bytes first (utf8Bytes). Joining
// strings is what V8 does fastest; a write into a buffer per field would cost
// a native call each, some eighty per entity.

/** The 11-byte signature, then flags and header extension length, both 0. */
export const COPY_BINARY_HEADER: Uint8Array = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');
/** A field count of -1 ends the data. */
export const COPY_BINARY_TRAILER: Uint8Array = Buffer.from('\xff\xff', 'latin1');

const TEXT_OID = 25;
const INT4_OID = 23;
const NULL_FIELD = '\xff\xff\xff\xff';
/** Printable ASCII but the backslash: text that JSON writes as it is. */
const NOT_PLAIN = /[^\x20-\x5b\x5d-\x7e]/;

export function int32Bytes(n: number): string {
  return String.fromCharCode((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

/** A row starts with its number of fields, as an int16. */
export function rowStart(fieldCount: number): string {
  return String.fromCharCode((fieldCount >>> 8) & 255, fieldCount & 255);
}

/**
 * Whether text is printable ASCII without a backslash. An entity's JSON
 * that is plain holds no non-ASCII character and no escape (JSON escapes NUL
 * and control characters with a backslash), so neither does any string of
 * the entity, which can then be written without a look of its own.
 */
export function isPlainText(text: string): boolean {
  return !NOT_PLAIN.test(text);
}

/**
 * The bytes PostgreSQL stores for a text: UTF-8, without NUL, which
 * PostgreSQL text cannot hold (JSON documents carry it escaped, as \u0000).
 */
export function utf8Bytes(text: string): string {
  const noNul = text.includes('\0') ? text.replaceAll('\0', '') : text;
  return /[^\x00-\x7f]/.test(noNul) ? Buffer.from(noNul, 'utf8').toString('latin1') : noNul;
}

/** `plain`: the caller knows the text is plain (isPlainText), so it is its own bytes. */
export function textField(text: string | null | undefined, plain = false): string {
  if (text === null || text === undefined) return NULL_FIELD;
  const bytes = plain ? text : utf8Bytes(text);
  return int32Bytes(bytes.length) + bytes;
}

/** A one-dimensional text[] (no NULL elements); an empty one has no dimensions. */
export function textArrayField(items: readonly string[], plain = false): string {
  if (items.length === 0) return int32Bytes(12) + int32Bytes(0) + int32Bytes(0) + int32Bytes(TEXT_OID);
  let body = int32Bytes(1) + int32Bytes(0) + int32Bytes(TEXT_OID) + int32Bytes(items.length) + int32Bytes(1);
  for (const item of items) body += textField(item, plain);
  return int32Bytes(body.length) + body;
}

const INT4_LENGTH = int32Bytes(4);

/** A one-dimensional int4[] of 32-bit integers. */
export function int4ArrayField(values: readonly number[]): string {
  if (values.length === 0) return int32Bytes(12) + int32Bytes(0) + int32Bytes(0) + int32Bytes(INT4_OID);
  let body = int32Bytes(1) + int32Bytes(0) + int32Bytes(INT4_OID) + int32Bytes(values.length) + int32Bytes(1);
  for (const value of values) body += INT4_LENGTH + int32Bytes(value);
  return int32Bytes(body.length) + body;
}

/** A bigint that is a safe integer (a time in milliseconds, say). */
export function int8Field(n: number): string {
  const high = Math.floor(n / 2 ** 32);
  return int32Bytes(8) + int32Bytes(high) + int32Bytes(n - high * 2 ** 32);
}
