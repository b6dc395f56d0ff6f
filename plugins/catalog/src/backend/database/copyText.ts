// PostgreSQL's COPY text format, for bulkInsert and for rows prepared in a
// worker thread (processing/entityRow.ts): pure string work, no database.

/**
 * `terms`: a text[] column, given as a JS array of strings (PostgreSQL only).
 * `hashes`: an int4[] column, given as a JS array of integers (PostgreSQL only).
 * `json`: a text column holding a JSON document, given as the JS value.
 */
export type ColumnType = 'text' | 'bigint' | 'terms' | 'hashes' | 'json';

const COPY_SPECIAL = /[\\\n\r\t\0]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '' };
const ARRAY_SPECIAL = /["\\]/;
/** A JSON escape other than \" and \\ (a false alarm after an escaped backslash only costs the slow path). */
const JSON_OTHER_ESCAPE = /\\[^"\\]/;

/** An array literal: every element double-quoted, so NULL and empty strings stay literal. */
function arrayLiteral(items: readonly string[]): string {
  let literal = '{';
  for (const item of items) {
    if (literal.length > 1) literal += ',';
    literal += `"${ARRAY_SPECIAL.test(item) ? item.replace(/["\\]/g, '\\$&') : item}"`;
  }
  return `${literal}}`;
}

/**
 * One field: `\N` for null, backslash, newline, carriage return and tab
 * escaped. PostgreSQL text cannot hold NUL, so a NUL is dropped (JSON
 * documents carry it escaped, as \u0000).
 */
export function copyText(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t\0]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** JSON text holds no raw newline, tab, carriage return or NUL (it escapes them): only backslashes need doubling. */
export function jsonCopyText(json: string): string {
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}

/**
 * `plain`: the caller knows no string in the value holds a backslash, double
 * quote or control character (entityRow.ts plainDocument), so the field is
 * written as it is.
 */
export function copyField(type: ColumnType, value: unknown, plain = false): string {
  if (value === undefined || value === null) return '\\N';
  if (plain) {
    if (type === 'text') return String(value);
    if (type === 'terms') {
      const items = value as readonly string[];
      return items.length ? `{"${items.join('","')}"}` : '{}';
    }
  }
  switch (type) {
    case 'json':
      return jsonCopyText(JSON.stringify(value));
    case 'terms': {
      // JSON escapes `"` and `\` the way an array literal does, natively and
      // far faster than a loop here; only control characters and lone
      // surrogates, which JSON writes as \n or \uXXXX, need the slow path.
      const json = JSON.stringify(value);
      return JSON_OTHER_ESCAPE.test(json) ? copyText(arrayLiteral(value as readonly string[])) : jsonCopyText(`{${json.slice(1, -1)}}`);
    }
    case 'hashes':
      return `{${(value as readonly number[]).join(',')}}`;
    default:
      return copyText(String(value));
  }
}
