import type { Knex } from 'knex';

/**
 * `terms`: a text[] column, given as a JS array of strings (PostgreSQL only).
 * `hashes`: an int4[] column, given as a JS array of integers (PostgreSQL only).
 * `json`: a text column holding a JSON document, given as the JS value.
 */
export type ColumnType = 'text' | 'bigint' | 'terms' | 'hashes' | 'json';

const PG_TYPES: Record<ColumnType, string> = { text: 'text', bigint: 'bigint', terms: 'text[]', hashes: 'int4[]', json: 'json' };

/**
 * The one dialect seam of the catalog's writes. PostgreSQL takes any number
 * of rows in one statement as a single JSON parameter, unpacked by
 * json_to_recordset: V8 serialises it natively and PostgreSQL parses it in
 * C, far cheaper than escaping thousands of array elements or binding
 * thousands of placeholders. SQLite gets portable multi-row inserts, in
 * chunks its compound-select limit accepts.
 */
export async function bulkInsert(
  tx: Knex,
  table: string,
  columns: readonly { name: string; type: ColumnType }[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (tx.client.config.client === 'pg') {
    const names = columns.map(() => '??').join(', ');
    // A json field's text is kept verbatim by the json type: a document goes
    // over the wire as part of the one payload, not escaped again as a string.
    const values = columns.map((c) => (c.type === 'json' ? '??::text' : '??')).join(', ');
    const record = columns.map((c) => `?? ${PG_TYPES[c.type]}`).join(', ');
    for (let i = 0; i < rows.length; i += 5_000) {
      const part = rows.slice(i, i + 5_000);
      await tx.raw(`INSERT INTO ?? (${names}) SELECT ${values} FROM json_to_recordset(?::json) AS r(${record})`, [
        table,
        ...columns.map((c) => c.name),
        ...columns.map((c) => c.name),
        JSON.stringify(part),
        ...columns.map((c) => c.name),
      ]);
    }
    return;
  }
  const jsonColumns = columns.filter((c) => c.type === 'json').map((c) => c.name);
  const portable = jsonColumns.length
    ? rows.map((row) => {
        const copy = { ...row };
        for (const name of jsonColumns) if (copy[name] !== undefined && copy[name] !== null) copy[name] = JSON.stringify(copy[name]);
        return copy;
      })
    : rows;
  const size = Math.max(1, Math.floor(400 / Math.max(1, Math.ceil(columns.length / 4))));
  for (let i = 0; i < portable.length; i += size) await tx(table).insert(portable.slice(i, i + size));
}

/** Sets a text column holding a JSON document, for many rows by key: one statement on PostgreSQL, a loop on SQLite. */
export async function bulkUpdateJsonColumn(
  tx: Knex,
  table: string,
  keyColumn: string,
  column: string,
  pairs: readonly [key: string, document: unknown][],
): Promise<void> {
  if (pairs.length === 0) return;
  if (tx.client.config.client === 'pg') {
    for (let i = 0; i < pairs.length; i += 5000) {
      const part = pairs.slice(i, i + 5000).map(([k, v]) => ({ k, v }));
      await tx.raw(`UPDATE ?? AS t SET ?? = r.v::text FROM json_to_recordset(?::json) AS r(k text, v json) WHERE t.?? = r.k`, [
        table,
        column,
        JSON.stringify(part),
        keyColumn,
      ]);
    }
    return;
  }
  for (const [key, value] of pairs) await tx(table).where(keyColumn, key).update({ [column]: JSON.stringify(value) });
}
