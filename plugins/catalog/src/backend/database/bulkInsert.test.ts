import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestPostgres } from '@callboard/test-utils';
import { bulkInsert } from './bulkInsert.ts';

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

  it('stores every text, array element and JSON document exactly as given', async () => {
    await knex.transaction(async (tx) => {
      await tx.raw('CREATE TEMP TABLE copy_probe (id bigint, t text, terms text[], doc text, h int4[]) ON COMMIT DROP');
      const rows = [
        ...HOSTILE.map((t, i) => ({ id: i, t, terms: [t, `${t}=x`], doc: { t, list: HOSTILE }, h: [i, -i - 1, 2 ** 31 - 1, -(2 ** 31)] })),
        { id: 100, t: null, terms: [], doc: null, h: [] },
        // A NUL cannot be stored in PostgreSQL text: dropped from text, kept escaped inside JSON.
        { id: 101, t: 'a\0b', terms: ['c\0d', 'plain'], doc: { nul: 'e\0f' }, h: [1] },
      ];
      await bulkInsert(
        tx,
        'copy_probe',
        [
          { name: 'id', type: 'bigint' },
          { name: 't', type: 'text' },
          { name: 'terms', type: 'terms' },
          { name: 'doc', type: 'json' },
          { name: 'h', type: 'hashes' },
        ],
        rows,
      );
      const back = (await tx('copy_probe').select().orderBy('id')) as { id: string; t: string | null; terms: string[]; doc: string | null; h: number[] }[];
      expect(back).toHaveLength(rows.length);
      HOSTILE.forEach((t, i) => {
        expect(back[i]).toEqual({ id: String(i), t, terms: [t, `${t}=x`], doc: JSON.stringify({ t, list: HOSTILE }), h: [i, -i - 1, 2 ** 31 - 1, -(2 ** 31)] });
      });
      expect(back[HOSTILE.length]).toEqual({ id: '100', t: null, terms: [], doc: null, h: [] });
      expect(back[HOSTILE.length + 1]).toEqual({ id: '101', t: 'ab', terms: ['cd', 'plain'], doc: JSON.stringify({ nul: 'e\0f' }), h: [1] });
      expect(JSON.parse(back[HOSTILE.length + 1]!.doc!)).toEqual({ nul: 'e\0f' });
    });
  });

  it('fails the statement, not the process, when a row does not fit its column', async () => {
    await expect(
      knex.transaction(async (tx) => {
        await tx.raw('CREATE TEMP TABLE copy_probe2 (id bigint) ON COMMIT DROP');
        await bulkInsert(tx, 'copy_probe2', [{ name: 'id', type: 'text' }], [{ id: 'not a number' }]);
      }),
    ).rejects.toThrow(/invalid input syntax for type bigint/);
    // The pool's connection is usable afterwards.
    expect((await knex.raw('select 1 as one')).rows[0].one).toBe(1);
  });
});
