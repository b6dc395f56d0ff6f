import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createEntityValidator } from '@callboard/catalog-model';
import type { LoggerService } from '@callboard/backend-plugin-api';
import { ProcessingWorkers } from './ProcessingWorkers.ts';
import { processFileText, type FileOutcome, type FileToProcess } from './processFileText.ts';
import { prepareRow } from './entityRow.ts';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/catalog', import.meta.url));

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(item.name) ? [full] : [];
  });
}

const validator = createEntityValidator();
const warnings: string[] = [];
const logger = { warn: (message: string) => warnings.push(message), info() {}, error() {}, debug() {}, child: () => logger } as unknown as LoggerService;
let pool: ProcessingWorkers | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
  warnings.length = 0;
});

/**
 * An outcome as plain data. A worker's processed entity parses its entity
 * only when asked (outcomeTransfer.ts), so it is asked here, field by field.
 */
function plain(outcome: FileOutcome): unknown {
  if (!outcome.ok) return outcome;
  return JSON.parse(
    JSON.stringify(
      outcome.documents.map((doc) => {
        if (doc.status !== 'processed') return doc;
        const p = doc.processed;
        return { ...doc, processed: { ref: p.ref, entity: p.entity, relations: p.relations, hash: p.hash, status: p.status, sourceKey: p.sourceKey, parentRef: p.parentRef, document: p.document, prepared: p.prepared } };
      }),
    ),
  );
}

function fileOf(text: string, label: string): FileToProcess {
  return { text, label, sourceKey: `file:${label}`, originKey: 'file:/catalog/all.yaml', parentRef: 'location:default/root' };
}

describe('ProcessingWorkers', () => {
  it('gives, from a worker thread, exactly what processing on the event loop gives, for every fixture file', async () => {
    pool = new ProcessingWorkers({ size: 2, minChars: 0, validator, logger });
    const files = yamlFiles(fixtures).sort();
    expect(files.length).toBeGreaterThan(50);
    const inputs = files.map((file) => fileOf(fs.readFileSync(file, 'utf8'), path.relative(fixtures, file)));
    const fromWorkers = await Promise.all(inputs.map((input) => pool!.process(input)));
    const statuses = new Set<string>();
    inputs.forEach((input, i) => {
      const local = processFileText(input, validator);
      // What travels as JSON is compared as JSON, which is how it is stored.
      expect(plain(fromWorkers[i]!)).toEqual(plain(local));
      if (local.ok) for (const doc of local.documents) statuses.add(doc.status);
      else statuses.add('unparsable');
    });
    // The fixtures hold valid entities, invalid ones and placeholders.
    expect([...statuses].sort()).toEqual(['invalid', 'pending', 'processed']);
    expect(warnings).toEqual([]);
  });

  it('prepares the rows PostgreSQL stores exactly as the event loop would, for every fixture file', async () => {
    pool = new ProcessingWorkers({ size: 1, minChars: 0, validator, prepareRows: true, logger });
    const inputs = yamlFiles(fixtures)
      .sort()
      .map((file) => fileOf(fs.readFileSync(file, 'utf8'), path.relative(fixtures, file)));
    let prepared = 0;
    for (const input of inputs) {
      const fromWorker = await pool.process(input);
      const local = processFileText(input, validator);
      if (!local.ok || !fromWorker.ok) continue;
      local.documents.forEach((doc, i) => {
        const other = fromWorker.documents[i]!;
        if (doc.status !== 'processed' || other.status !== 'processed') return;
        // The worker chose the uid the row gets if the entity is new.
        expect(other.processed.prepared).toEqual(prepareRow(doc.processed, other.processed.prepared!.uid));
        // Its entity, parsed from the document only now, is the event loop's.
        expect(other.processed.entity).toEqual(JSON.parse(JSON.stringify(doc.processed.entity)));
        prepared++;
      });
    }
    expect(prepared).toBeGreaterThan(100);
  });

  it('reports a broken file as the event loop would, with its line, and keeps working', async () => {
    pool = new ProcessingWorkers({ size: 1, minChars: 0, validator, logger });
    const broken = await pool.process(fileOf('kind: Component\nmetadata:\n  name: [unclosed\n', 'broken.yaml'));
    expect(plain(broken)).toEqual(plain(processFileText(fileOf('kind: Component\nmetadata:\n  name: [unclosed\n', 'broken.yaml'), validator)));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^broken\.yaml line \d+, column \d+: /);
    const good = await pool.process(fileOf('apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n', 'good.yaml'));
    expect(good.ok && good.documents[0]?.status === 'processed' && good.documents[0].processed.ref).toBe('group:default/team-a');
  });

  it('does small files on the event loop, and everything there once closed', async () => {
    pool = new ProcessingWorkers({ size: 1, minChars: 1_000_000, validator, logger });
    const text = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-b\nspec:\n  type: team\n  children: []\n';
    const small = await pool.process(fileOf(text, 'small.yaml'));
    expect(small).toEqual(processFileText(fileOf(text, 'small.yaml'), validator));
    const big = new ProcessingWorkers({ size: 1, minChars: 0, validator, logger });
    await big.close();
    expect(await big.process(fileOf(text, 'after-close.yaml'))).toEqual(processFileText(fileOf(text, 'after-close.yaml'), validator));
  });
});
