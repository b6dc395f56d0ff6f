import type { Knex } from 'knex';

export type ColumnType = 'text' | 'bigint';

/**
 * The one dialect seam of the catalog's writes. PostgreSQL takes any number
 * of rows in one statement as a few array parameters (unnest), which is many
 * times cheaper to bind and parse than thousands of placeholders; SQLite gets
 * portable multi-row inserts, in chunks its compound-select limit accepts.
 */
export async function bulkInsert(
  tx: Knex,
  table: string,
  columns: readonly { name: string; type: ColumnType }[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (tx.client.config.client === 'pg') {
    for (let i = 0; i < rows.length; i += 20_000) {
      const part = rows.slice(i, i + 20_000);
      const arrays = columns.map((c) => part.map((row) => (row[c.name] === undefined ? null : row[c.name])));
      const selects = columns.map((c) => `?::${c.type}[]`).join(', ');
      await tx.raw(`INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT * FROM unnest(${selects})`, [
        table,
        ...columns.map((c) => c.name),
        // node-postgres sends a JS array as one array parameter; knex passes it through unexpanded.
        ...(arrays as unknown as string[]),
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
