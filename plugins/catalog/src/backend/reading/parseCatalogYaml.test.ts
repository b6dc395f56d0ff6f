import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogYaml, parseFast, parseThorough } from './parseCatalogYaml.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../../../../shared/fixtures');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(dir, f));
}

describe('parseCatalogYaml', () => {
  it('reads every catalog fixture the same on the fast path as on the thorough one', () => {
    const files = yamlFiles(path.join(fixtures, 'catalog'));
    expect(files.length).toBeGreaterThan(100);
    let fast = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const quick = parseFast(text);
      if (!quick) continue;
      fast++;
      const thorough = parseThorough(text, file);
      expect(thorough.ok, file).toBe(true);
      expect(quick, file).toEqual(thorough.ok ? thorough.documents : undefined);
    }
    // Nearly every real file takes the fast path.
    expect(fast / files.length).toBeGreaterThan(0.9);
  });

  it('gives each document its index and the line its content starts on', () => {
    const text = '# header\n---\napiVersion: v1\nkind: A\n---\n---\n# note\nkind: B\n';
    const result = parseCatalogYaml(text, 'f.yaml');
    expect(result).toEqual({
      ok: true,
      documents: [
        { index: 1, line: 3, value: { apiVersion: 'v1', kind: 'A' } },
        { index: 3, line: 8, value: { kind: 'B' } },
      ],
    });
  });

  it('keeps YAML 1.2 core types: dates and yes/no stay strings', () => {
    const result = parseCatalogYaml('when: 2024-01-01\nflag: yes\nn: 0x10\nok: true\n', 'f.yaml');
    expect(result.ok && result.documents[0]!.value).toEqual({ when: '2024-01-01', flag: 'yes', n: 16, ok: true });
  });

  it('sends aliases to the bounded path, and fails an alias bomb with a message', () => {
    const plain = parseCatalogYaml('a: &x [1, 2]\nb: *x\n', 'f.yaml');
    expect(plain.ok && plain.documents[0]!.value).toEqual({ a: [1, 2], b: [1, 2] });
    const bomb = fs.readFileSync(path.join(fixtures, 'hostile/authored/billion-laughs.yaml'), 'utf8');
    const result = parseCatalogYaml(bomb, 'bomb.yaml');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^bomb\.yaml/);
  });

  it('agrees with the thorough path on every invalid file of the YAML test suite', () => {
    const files = yamlFiles(path.join(fixtures, 'hostile/yaml-test-suite-errors'));
    expect(files.length).toBeGreaterThan(10);
    const acceptedOnlyByFastPath: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const quick = parseFast(text);
      const thorough = parseThorough(text, file);
      if (quick && thorough.ok) expect(quick, file).toEqual(thorough.documents);
      if (quick && !thorough.ok) acceptedOnlyByFastPath.push(path.basename(file));
    }
    // The one known difference: a tab-indented continuation line of a quoted
    // string, which js-yaml folds into the string and the yaml library (and
    // the YAML spec) refuse.
    expect(acceptedOnlyByFastPath).toEqual(['DK95_01-tabs-that-look-like-indentation.yaml']);
  });

  it('words errors with line and column, and refuses duplicate keys', () => {
    expect(parseCatalogYaml('a: [', 'f.yaml')).toEqual({
      ok: false,
      error: 'f.yaml line 1, column 5: Flow sequence in block collection must be sufficiently indented and end with a ]',
    });
    expect(parseCatalogYaml('a: 1\na: 2\n', 'f.yaml')).toMatchObject({ ok: false, error: expect.stringMatching(/line 2, column 1: Map keys must be unique/) });
  });
});
