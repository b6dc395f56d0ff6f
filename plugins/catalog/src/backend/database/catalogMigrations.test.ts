import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestPostgres } from '@callboard/test-utils';
import { termHash } from '../processing/entityTerms.ts';
import { catalogMigrations } from './catalogMigrations.ts';

const pgUrl = await findTestPostgres();

describe.skipIf(!pgUrl)('catalog migrations on PostgreSQL', () => {
  const schema = `t${randomBytes(4).toString('hex')}_migrations`;
  let knex: Knex;
  beforeAll(async () => {
    knex = knexFactory({ client: 'pg', connection: pgUrl!, searchPath: [schema], pool: { min: 0, max: 1 } });
    await knex.raw('CREATE SCHEMA ??', [schema]);
  });
  afterAll(async () => {
    await knex.raw('DROP SCHEMA ?? CASCADE', [schema]);
    await knex.destroy();
  });

  it('rehashes the terms of entities stored before the catalog computed the hashes (migration 12)', async () => {
    const index = catalogMigrations.findIndex((m) => m.name.startsWith('20261121_12_'));
    for (const migration of catalogMigrations.slice(0, index)) await migration.up(knex);
    const terms = (n: number) => ['kind', 'kind=component', `metadata.tags=t${n}`, 'spec.type=Ünïcødé ✓'];
    // More rows than one batch of the migration, so its paging is exercised.
    const rows = Array.from({ length: 5_003 }, (_, n) => ({
      entity_ref: `component:default/c-${String(n).padStart(5, '0')}`,
      uid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      kind: 'Component',
      kind_lower: 'component',
      namespace: 'default',
      name: `c-${n}`,
      name_lower: `c-${n}`,
      location_key: 'file:/x',
      hash: 'h',
      search_text: '',
      entity_json: '{}',
      updated_at: 0,
      search_terms: terms(n),
    }));
    for (let i = 0; i < rows.length; i += 1000) await knex('entities').insert(rows.slice(i, i + 1000));

    await catalogMigrations[index]!.up(knex);

    const stored = await knex('entities').select('entity_ref', 'search_hashes').orderBy('entity_ref');
    expect(stored).toHaveLength(rows.length);
    stored.forEach((row: { search_hashes: number[] }, n) => expect(row.search_hashes).toEqual(terms(n).map(termHash)));
    // Found through the index with the hash the catalog computes for a query.
    const found = await knex('entities').select('entity_ref').whereRaw('search_hashes @> ?::int4[]', [[termHash('metadata.tags=t4321')] as unknown as string]);
    expect(found.map((r: { entity_ref: string }) => r.entity_ref)).toEqual(['component:default/c-04321']);
  });
});
