// PostgreSQL's COPY text format, for bulkInsert: pure string work, no
// database. A bulk load's entity and relation rows use the binary format
// instead (copyBinary.ts).

const COPY_SPECIAL = /[\\\n\r\t\0]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '' };

/**
 * One field, a text or a number: `\N` for null, backslash, newline, carriage
 * return and tab escaped. PostgreSQL text cannot hold NUL, so a NUL is dropped.
 */
export function copyField(value: unknown): string {
  if (value === undefined || value === null) return '\\N';
  const text = String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t\0]/g, (c) => COPY_ESCAPES[c]!) : text;
}
