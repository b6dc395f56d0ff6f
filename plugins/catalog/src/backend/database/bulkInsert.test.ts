import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestPostgres } from '@callboard/test-utils';
import { bulkInsert, copyBinary } from './bulkInsert.ts';
import { int4ArrayField, int8Field, isPlainText, rowStart, textArrayField, textField } from './copyBinary.ts';

const HOSTILE = [
  'plain',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'back\\slash',
  'trailing backslash\\',
  '"quoted"',
  '\\N',
  'NULL',
  '',
  '{braces},commas',
  'ünïcødé ✓ 😀',
];

const pgUrl = await findTestPostgres();

describe.skipIf(!pgUrl)('bulkInsert on PostgreSQL (COPY)', () => {
  let knex: Knex;
  beforeAll(() => {
    knex = knexFactory({ client: 'pg', connection: pgUrl!, pool: { min: 0, max: 1 } });
  });
  afterAll(() => knex.destroy());

  it('stores every text exactly as given, in COPY text', async () => {
    await knex.transaction(async (tx) => {
      await tx.raw('CREATE TEMP TABLE copy_probe (id bigint, t text) ON COMMIT DROP');
      const rows = [...HOSTILE.map((t, i) => ({ id: i, t })), { id: 100, t: null }, { id: 101, t: 'a\0b' }];
      await bulkInsert(tx, 'copy_probe', rows);
      const back = (await tx('copy_probe').select().orderBy('id')) as { id: string; t: string | null }[];
      // A NUL cannot be stored in PostgreSQL text: it is dropped.
      expect(back).toEqual([...HOSTILE.map((t, i) => ({ id: String(i), t })), { id: '100', t: null }, { id: '101', t: 'ab' }]);
    });
  });

  it('stores every text, array element, integer and JSON document exactly as given, in COPY binary', async () => {
    await knex.transaction(async (tx) => {
      await tx.raw('CREATE TEMP TABLE copy_binary_probe (id bigint, t text, terms text[], doc text, h int4[], v varchar(63)) ON COMMIT DROP');
      const row = (id: number, t: string | null, terms: string[], doc: unknown, h: number[], plain = false) =>
        rowStart(6) + int8Field(id) + textField(t, plain) + textArrayField(terms, plain) + textField(doc === null ? null : JSON.stringify(doc), plain) + int4ArrayField(h) + textField(t === null ? 'v' : t.slice(0, 20));
      const parts = [
        ...HOSTILE.map((t, i) => row(i, t, [t, `${t}=x`], { t, list: HOSTILE }, [i, -i - 1, 2 ** 31 - 1, -(2 ** 31)])),
        row(100, null, [], null, []),
        row(101, 'a\0b', ['c\0d', 'plain'], { nul: 'e\0f' }, [1]),
        // The fast path for text known to be printable ASCII; and a time in milliseconds.
        row(Date.UTC(2026, 10, 22), 'plain-text', ['kind=component'], { plain: true }, [7], true),
      ].map((bytes) => Buffer.from(bytes, 'latin1'));
      // Pieces of any size: a row split across two of them, and many rows in one.
      const joined = Buffer.concat(parts);
      await copyBinary(tx, 'copy_binary_probe', ['id', 't', 'terms', 'doc', 'h', 'v'], [joined.subarray(0, 7), joined.subarray(7, -5), joined.subarray(-5)]);
      const back = (await tx('copy_binary_probe').select('id', 't', 'terms', 'doc', 'h').orderBy('id')) as { id: string; t: string | null; terms: string[]; doc: string | null; h: number[] }[];
      expect(back).toHaveLength(parts.length);
      HOSTILE.forEach((t, i) => {
        expect(back[i]).toEqual({ id: String(i), t, terms: [t, `${t}=x`], doc: JSON.stringify({ t, list: HOSTILE }), h: [i, -i - 1, 2 ** 31 - 1, -(2 ** 31)] });
      });
      expect(back[HOSTILE.length]).toEqual({ id: '100', t: null, terms: [], doc: null, h: [] });
      // A NUL is dropped from text, and kept escaped inside JSON.
      expect(back[HOSTILE.length + 1]).toEqual({ id: '101', t: 'ab', terms: ['cd', 'plain'], doc: JSON.stringify({ nul: 'e\0f' }), h: [1] });
      expect(JSON.parse(back[HOSTILE.length + 1]!.doc!)).toEqual({ nul: 'e\0f' });
      expect(back[HOSTILE.length + 2]).toEqual({ id: String(Date.UTC(2026, 10, 22)), t: 'plain-text', terms: ['kind=component'], doc: '{"plain":true}', h: [7] });
    });
  });

  it('tells which text is plain enough to be written without a look', () => {
    expect(isPlainText('{"kind":"Component","metadata":{"name":"a-b_c.d"}}')).toBe(true);
    for (const t of ['tab\there', 'back\\slash', 'ünï', '😀', 'nul\0', 'line\nbreak', '\x7f']) expect(isPlainText(t), t).toBe(false);
  });

  it('fails the statement, not the process, when a row does not fit its column', async () => {
    await expect(
      knex.transaction(async (tx) => {
        await tx.raw('CREATE TEMP TABLE copy_probe2 (id bigint) ON COMMIT DROP');
        await bulkInsert(tx, 'copy_probe2', [{ id: 'not a number' }]);
      }),
    ).rejects.toThrow(/invalid input syntax for type bigint/);
    // The pool's connection is usable afterwards.
    expect((await knex.raw('select 1 as one')).rows[0].one).toBe(1);
  });
});
