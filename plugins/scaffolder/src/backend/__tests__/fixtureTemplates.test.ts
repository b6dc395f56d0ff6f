import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '@callboard/test-utils';
import type { DryRunResponse } from '../../common/scaffolderRoutes.ts';
import { scaffolderPlugin } from '../scaffolderPlugin.ts';

/*
 * The real-world proof: every template in shared/fixtures/templates whose
 * actions Callboard provides is dry-run unchanged through the HTTP API, with
 * its own folder as directoryContents, and must produce the files its
 * skeletons describe. Templates that need actions Callboard lacks are listed
 * with the missing actions, so the gap stays visible.
 */

const TEMPLATES = path.resolve(import.meta.dirname, '../../../../../../shared/fixtures/templates');
const PROVIDED = new Set([
  'fetch:template',
  'fetch:plain',
  'fetch:plain:file',
  'fs:rename',
  'fs:delete',
  'debug:log',
  'debug:wait',
  'publish:git',
  'publish:github',
  'catalog:register',
  'catalog:write',
]);

interface Fixture {
  name: string;
  /** The fixture's top folder: sent whole as directoryContents. */
  root: string;
  /** The template file's folder, relative to root. */
  templatePath: string;
  template: any;
  actions: string[];
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function loadFixtures(): Fixture[] {
  if (!fs.existsSync(TEMPLATES)) return [];
  return fs
    .readdirSync(TEMPLATES)
    .sort()
    .flatMap((name) => {
      const root = path.join(TEMPLATES, name);
      return walk(root)
        .filter((f) => path.basename(f) === 'template.yaml')
        .map((file) => {
          const template = parseAllDocuments(fs.readFileSync(file, 'utf8'))
            .map((d) => d.toJS())
            .find((d) => d?.kind === 'Template');
          const actions = [...new Set<string>((template?.spec?.steps ?? []).map((s: { action: string }) => s.action))];
          return { name, root, templatePath: path.relative(root, path.dirname(file)), template, actions };
        });
    });
}

/** Values a person could type: defaults first, then something that fits each field. */
function sampleValues(template: any): Record<string, unknown> {
  const pages = Array.isArray(template.spec.parameters) ? template.spec.parameters : template.spec.parameters ? [template.spec.parameters] : [];
  const values: Record<string, unknown> = {};
  for (const page of pages) {
    for (const [key, schema] of Object.entries<any>(page.properties ?? {})) {
      if (schema.default !== undefined) values[key] = schema.default;
      else if (Array.isArray(schema.enum)) values[key] = schema.enum[0];
      else if (schema['ui:field'] === 'RepoUrlPicker') {
        const host = schema['ui:options']?.allowedHosts?.[0] ?? 'github.com';
        values[key] = `${host}?owner=acme&repo=sample-service`;
      } else if (schema['ui:field'] === 'OwnerPicker' || schema['ui:field'] === 'EntityPicker') values[key] = 'group:default/team-a';
      else if (schema.type === 'boolean') values[key] = false;
      else if (schema.type === 'number' || schema.type === 'integer') values[key] = 8080;
      else if (schema.type === 'array') values[key] = [];
      else if (schema.type === 'object') values[key] = {};
      else values[key] = 'sample-service';
    }
  }
  return values;
}

const fixtures = loadFixtures();
const runnable = fixtures.filter((f) => f.actions.every((a) => PROVIDED.has(a)));
const skipped = fixtures.filter((f) => !f.actions.every((a) => PROVIDED.has(a)));

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ features: [scaffolderPlugin] });
});
afterAll(async () => {
  await backend?.stop();
});

async function dryRun(fixture: Fixture, values: Record<string, unknown>): Promise<DryRunResponse> {
  const directoryContents = walk(fixture.root).map((file) => ({
    path: path.relative(fixture.root, file).split(path.sep).join('/'),
    base64Content: fs.readFileSync(file).toString('base64'),
  }));
  const response = await backend.fetch('/api/scaffolder/v2/dry-run', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ template: fixture.template, values, secrets: {}, directoryContents, templatePath: fixture.templatePath }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`dry-run of ${fixture.name} answered ${response.status}: ${JSON.stringify(body)}`);
  return body as DryRunResponse;
}

/** Skeleton files with plain names that fetch:template must have written, under their targetPath. */
function expectedFiles(fixture: Fixture, values: Record<string, unknown>): string[] {
  const expected: string[] = [];
  for (const step of fixture.template.spec.steps) {
    if (step.action !== 'fetch:template') continue;
    let url: string = step.input.url;
    // Templates that pick their skeleton with a parameter (janus' `ci`) name it by value.
    const byParameter = /^\$\{\{\s*parameters\.(\w+)\s*\}\}$/.exec(url);
    if (byParameter) url = String(values[byParameter[1] ?? '']);
    const source = path.resolve(fixture.root, fixture.templatePath, url);
    if (!fs.existsSync(source)) continue;
    const target = String(step.input.targetPath ?? '.');
    for (const file of walk(source)) {
      const relative = path.relative(source, file).split(path.sep).join('/');
      if (/\$\{\{|\{%|\{\{/.test(relative)) continue;
      expected.push(path.posix.normalize(path.posix.join(target, relative)));
    }
  }
  return [...new Set(expected)].sort();
}

describe('fixture templates in dry-run', () => {
  it('sorts every fixture template into run or skipped, naming the missing actions', () => {
    if (fixtures.length === 0) return;
    const report = [
      `ran (${runnable.length}): ${runnable.map((f) => f.name).join(', ')}`,
      ...skipped.map((f) => `skipped ${f.name}: needs ${f.actions.filter((a) => !PROVIDED.has(a)).join(', ')}`),
    ];
    console.info(`Scaffolder fixture templates\n  ${report.join('\n  ')}`);
    expect(runnable.length).toBeGreaterThan(0);
  });

  it.each(runnable.map((f) => [`${f.name}/${f.templatePath}`, f] as const))('%s renders its skeleton unchanged', async (_label, fixture) => {
    const values = sampleValues(fixture.template);
    const result = await dryRun(fixture, values);
    const failures = result.log.filter((l) => l.body.status === 'failed').map((l) => l.body.message);
    expect(failures).toEqual([]);
    const produced = result.directoryContents.map((f) => f.path);
    const missing = expectedFiles(fixture, values).filter((f) => !produced.includes(f));
    expect(missing).toEqual([]);
    expect(produced.length).toBeGreaterThan(0);
    // Values were substituted: no skeleton expression over values is left in a rendered file.
    for (const file of result.directoryContents) {
      const text = Buffer.from(file.base64Content, 'base64').toString('utf8');
      if (file.path.startsWith('.github/')) continue;
      expect(text, file.path).not.toMatch(/\$\{\{\s*values\./);
    }
    // The entity file the template registers is a valid-looking entity named from the values.
    const catalogInfo = result.directoryContents.find((f) => f.path === 'catalog-info.yaml');
    if (catalogInfo) {
      const entity = parse(Buffer.from(catalogInfo.base64Content, 'base64').toString('utf8'));
      // Names are built from the typed name (janus' techdocs appends -techdocs).
      expect(entity.metadata.name).toMatch(/^sample-service/);
      expect(entity.spec.owner).toMatch(/^(group|user):/);
    }
    // Publishing and registering are side effects: skipped in a dry run, and said so.
    for (const step of fixture.template.spec.steps) {
      if (step.action === 'publish:github' || step.action === 'catalog:register') {
        expect(result.log.map((l) => l.body.message)).toContain(`Skipping step ${step.name ?? step.id}: ${step.action} does not support dry-run`);
      }
    }
  });
});
