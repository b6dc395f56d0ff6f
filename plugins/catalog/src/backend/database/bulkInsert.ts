import type { Knex } from 'knex';

/** `terms`: a text[] column, given as a JS array of strings (PostgreSQL only). */
export type ColumnType = 'text' | 'bigint' | 'terms';

const PG_TYPES: Record<ColumnType, string> = { text: 'text', bigint: 'bigint', terms: 'text[]' };

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
    const record = columns.map((c) => `?? ${PG_TYPES[c.type]}`).join(', ');
    for (let i = 0; i < rows.length; i += 5_000) {
      const part = rows.slice(i, i + 5_000);
      await tx.raw(`INSERT INTO ?? (${names}) SELECT ${names} FROM json_to_recordset(?::json) AS r(${record})`, [
        table,
        ...columns.map((c) => c.name),
        ...columns.map((c) => c.name),
        JSON.stringify(part),
        ...columns.map((c) => c.name),
      ]);
    }
    return;
  }
  const size = Math.max(1, Math.floor(400 / Math.max(1, Math.ceil(columns.length / 4))));
  for (let i = 0; i < rows.length; i += size) await tx(table).insert(rows.slice(i, i + size));
}

/** Sets one text column for many rows by key: one statement on PostgreSQL, a loop on SQLite. */
export async function bulkUpdateColumn(
  tx: Knex,
  table: string,
  keyColumn: string,
  column: string,
  pairs: readonly [key: string, value: string][],
): Promise<void> {
  if (pairs.length === 0) return;
  if (tx.client.config.client === 'pg') {
    for (let i = 0; i < pairs.length; i += 5000) {
      const part = pairs.slice(i, i + 5000);
      await tx.raw(`UPDATE ?? AS t SET ?? = v.value FROM unnest(?::text[], ?::text[]) AS v(key, value) WHERE t.?? = v.key`, [
        table,
        column,
        part.map((p) => p[0]) as unknown as string,
        part.map((p) => p[1]) as unknown as string,
        keyColumn,
      ]);
    }
    return;
  }
  for (const [key, value] of pairs) await tx(table).where(keyColumn, key).update({ [column]: value });
}
