import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from './copyBinary.ts';
import { copyField } from './copyText.ts';

/**
 * The one dialect seam of the catalog's writes. PostgreSQL gets its bulk
 * path, COPY FROM STDIN in text format (pg-copy-streams): rows go over the
 * wire as tab-separated lines and PostgreSQL only splits them, where an INSERT
 * from one JSON parameter made it lex every document twice (the payload, then
 * each json field); at 100,000 entities that was about 3 s of the database's
 * CPU against 1.5 s for COPY. SQLite gets portable multi-row inserts, in
 * chunks its compound-select limit accepts. (A bulk load's entity and
 * relation rows come prepared in COPY's binary format: copyBinary below.)
 */
export async function bulkInsert(tx: Knex, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  // Rows are made by one piece of code each, so the first one names every column.
  const columns = Object.keys(rows[0]!);
  if (tx.client.config.client === 'pg') {
    await copyText(tx, table, columns, copyChunks(columns, rows));
    return;
  }
  const size = Math.max(1, Math.floor(400 / Math.max(1, Math.ceil(columns.length / 4))));
  for (let i = 0; i < rows.length; i += size) await tx(table).insert(rows.slice(i, i + size));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** COPY of text already in COPY's text format (copyText.ts), in pieces. PostgreSQL only. */
async function copyText(tx: Knex, table: string, columns: readonly string[], chunks: Iterable<string>): Promise<void> {
  // Inside a transaction knex hands out the transaction's own connection, and releasing it is a no-op.
  const connection = (await tx.client.acquireConnection()) as { query(stream: Writable): Writable };
  try {
    const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
    await pipeline(Readable.from(chunks), connection.query(copyFrom(sql)));
  } finally {
    await tx.client.releaseConnection(connection);
  }
}

/**
 * COPY of rows already in COPY's binary format (copyBinary.ts), given as
 * pieces of any size: they are joined into writes of about 256 KB, since
 * each write to the stream is a message and two socket writes of its own.
 * PostgreSQL only.
 */
export async function copyBinary(tx: Knex, table: string, columns: readonly string[], parts: Iterable<Uint8Array>): Promise<void> {
  const connection = (await tx.client.acquireConnection()) as { query(stream: Writable): Writable };
  try {
    const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN (FORMAT binary)`;
    await pipeline(Readable.from(binaryChunks(parts)), connection.query(copyFrom(sql)));
  } finally {
    await tx.client.releaseConnection(connection);
  }
}

function* binaryChunks(parts: Iterable<Uint8Array>): Generator<Uint8Array> {
  let pending: Uint8Array[] = [COPY_BINARY_HEADER];
  let size = COPY_BINARY_HEADER.length;
  for (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size > 262_144) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
  }
  pending.push(COPY_BINARY_TRAILER);
  yield Buffer.concat(pending, size + COPY_BINARY_TRAILER.length);
}

/** COPY's text format, in pieces of about 256 KB so no one string holds a whole location. */
function* copyChunks(columns: readonly string[], rows: readonly Record<string, unknown>[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) chunk += '\t';
      chunk += copyField(row[columns[i]!]);
    }
    chunk += '\n';
    if (chunk.length > 262_144) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
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
