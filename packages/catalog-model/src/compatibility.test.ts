import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  entityKindSchemaValidator,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef as backstageParseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity as BackstageEntity,
} from '@backstage/catalog-model';
import { compileCatalogModel, defaultCatalogEntityModel } from '@backstage/catalog-model/alpha';
import { createEntityValidator } from './createEntityValidator.ts';
import { refDefaultsFor } from './deriveRelations.ts';
import { BUILTIN_KINDS } from './builtinKinds.ts';
import { formatProblem } from './problems.ts';

/*
 * Callboard must accept exactly the entity files Backstage accepts. This test
 * runs every real-world and hostile entity document through both validators
 * and compares the verdicts.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures');
const CATALOG = path.join(FIXTURES, 'catalog');
const EXTRA_FILES = [
  'hostile/from-the-wild/backstage-invalid-component.yaml',
  'hostile/authored/invalid-entities.yaml',
];
const TEMPLATES = path.join(FIXTURES, 'templates');

/**
 * Documents where the verdicts differ on purpose. Keep this list short; every
 * entry needs a reason that is still true (the test fails when the verdicts
 * start to agree).
 */
const KNOWN_DIFFERENCES: { file: string; index: number; reason: string }[] = [];

// ---------------------------------------------------------------- Backstage

/*
 * Backstage's catalog, as its CatalogBuilder wires it: the entity policies in
 * this order, then the processors' kind validators (an entity no processor
 * recognises is refused), then post-processing, where the built-in processor
 * parses every relation field's references and a reference it cannot parse
 * fails the entity.
 */
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

/*
 * Template belongs to the scaffolder's catalog module, whose validator lives
 * in @backstage/plugin-scaffolder-common, which is not installed here. So it
 * is rebuilt from the documented scaffolder.backstage.io/v1beta3 rules and run
 * through catalog-model's own kind-schema machinery (entityKindSchemaValidator
 * resolves the shared Entity envelope schema the same way as for the built-in kinds).
 */
const permissions = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } };
const form = { type: 'object', properties: { 'backstage:permissions': permissions } };
const condition = { type: ['string', 'boolean'] };
const TEMPLATE_V1BETA3_RULES = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'CallboardCompatTemplateV1beta3',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: ['scaffolder.backstage.io/v1beta3'] },
        kind: { enum: ['Template'] },
        spec: {
          type: 'object',
          required: ['type', 'steps'],
          properties: {
            type: { type: 'string', minLength: 1 },
            owner: { type: 'string', minLength: 1 },
            lifecycle: { type: 'string', minLength: 1 },
            parameters: { oneOf: [form, { type: 'array', items: form }] },
            secrets: { type: 'object', properties: { schema: { type: 'object' } } },
            presentation: {
              type: 'object',
              properties: {
                buttonLabels: {
                  type: 'object',
                  properties: {
                    backButtonText: { type: 'string' },
                    createButtonText: { type: 'string' },
                    reviewButtonText: { type: 'string' },
                  },
                },
              },
            },
            EXPERIMENTAL_recovery: { type: 'object', properties: { EXPERIMENTAL_strategy: { type: 'string' } } },
            EXPERIMENTAL_formDecorators: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, input: { type: 'object' } } },
            },
            steps: {
              type: 'array',
              items: {
                type: 'object',
                required: ['action'],
                properties: {
                  id: { type: 'string' },
                  name: { type: 'string' },
                  action: { type: 'string' },
                  input: { type: 'object' },
                  if: condition,
                  'backstage:permissions': permissions,
                },
              },
            },
            output: {
              type: 'object',
              properties: {
                links: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      if: condition,
                      url: { type: 'string', minLength: 1 },
                      entityRef: { type: 'string', minLength: 1 },
                      title: { type: 'string', minLength: 1 },
                      icon: { type: 'string', minLength: 1 },
                    },
                  },
                },
                text: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      if: condition,
                      title: { type: 'string', minLength: 1 },
                      icon: { type: 'string', minLength: 1 },
                      content: { type: 'string' },
                    },
                  },
                },
              },
              additionalProperties: { type: 'string' },
            },
          },
        },
      },
    },
  ],
};
const templateSchemaCheck = entityKindSchemaValidator(TEMPLATE_V1BETA3_RULES);
const templateEntityV1beta3Validator = {
  async check(entity: BackstageEntity) {
    return templateSchemaCheck(entity) === entity;
  },
};

const kindValidators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

// Backstage's own table of which fields hold references and their default kinds.
const backstageModel = compileCatalogModel([defaultCatalogEntityModel]);

function backstageRelationFields(entity: BackstageEntity): { path: string; defaultKind?: string }[] {
  // The scaffolder's processor reads spec.owner, defaulting to Group.
  if (entity.kind === 'Template') return [{ path: 'spec.owner', defaultKind: 'Group' }];
  return backstageModel.getKind({ kind: entity.kind, apiVersion: entity.apiVersion })?.relationFields ?? [];
}

function getPath(value: unknown, dotted: string): unknown {
  let current = value;
  for (const key of dotted.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

type Verdict = { ok: true } | { ok: false; reason: string };

async function backstageVerdict(document: unknown): Promise<Verdict> {
  if (!isMapping(document)) return { ok: false, reason: 'not a mapping' };
  try {
    const entity = await policy.enforce(document as unknown as BackstageEntity);
    if (!entity) return { ok: false, reason: 'the entity policies returned nothing' };
    let recognised = false;
    for (const validator of kindValidators) {
      if (await validator.check(entity)) {
        recognised = true;
        break;
      }
    }
    if (!recognised) return { ok: false, reason: 'no processor recognised the kind/apiVersion' };
    for (const field of backstageRelationFields(entity)) {
      const targets = getPath(entity, field.path);
      if (!targets) continue;
      for (const target of [targets].flat()) {
        backstageParseEntityRef(target as string, {
          ...(field.defaultKind ? { defaultKind: field.defaultKind } : {}),
          defaultNamespace: entity.metadata.namespace ?? 'default',
        });
      }
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

// ----------------------------------------------------------------- Callboard

const callboard = createEntityValidator();

function callboardVerdict(document: unknown): Verdict {
  const result = callboard.validate(document);
  return result.ok ? { ok: true } : { ok: false, reason: result.problems.map(formatProblem).join('; ') };
}

// ------------------------------------------------------------------ Fixtures

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PLACEHOLDERS = new Set(['$text', '$json', '$yaml', '$openapi', '$asyncapi']);

/**
 * The catalog resolves `{ $text: ./file }` and friends before validating; the
 * test stands in a string for each, as Backstage's placeholder processor only
 * replaces single-key objects whose value is a string.
 */
function substitutePlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(substitutePlaceholders);
  if (!isMapping(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && PLACEHOLDERS.has(keys[0]!) && typeof value[keys[0]!] === 'string') return 'placeholder';
  return Object.fromEntries(keys.map((key) => [key, substitutePlaceholders(value[key])]));
}

function walkYaml(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walkYaml(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

const ENTITY_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'];

interface FixtureDocument {
  file: string;
  index: number;
  /** undefined when the YAML itself is broken. */
  value: unknown;
  yamlError?: string;
}

function loadDocuments(files: string[]): FixtureDocument[] {
  const documents: FixtureDocument[] = [];
  for (const file of files) {
    const relative = path.relative(FIXTURES, file);
    const parsed = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const list = Array.isArray(parsed) ? parsed : [];
    list.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        documents.push({ file: relative, index, value: undefined, yamlError: doc.errors[0]!.message });
        return;
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) return; // an empty document
      // Files such as an OpenAPI definition pulled in by $text sit next to entities but are not entities.
      if (isMapping(value) && !ENTITY_KEYS.some((key) => key in value)) return;
      documents.push({ file: relative, index, value: substitutePlaceholders(value) });
    });
  }
  return documents;
}

function fixtureFiles(): string[] {
  if (!fs.existsSync(CATALOG)) {
    throw new Error(
      `The shared catalog fixtures are missing: expected them at ${CATALOG} (the repository's ../shared/fixtures/catalog). Check out the shared folder next to main/.`,
    );
  }
  const templates = fs.existsSync(TEMPLATES) ? walkYaml(TEMPLATES).filter((f) => path.basename(f) === 'template.yaml') : [];
  return [...walkYaml(CATALOG), ...EXTRA_FILES.map((f) => path.join(FIXTURES, f)), ...templates];
}

// ---------------------------------------------------------------- Edge cases

/*
 * Hand-written documents on the borders of each rule, where the fixtures are
 * silent. Each is one YAML text; both validators must agree on all of them.
 */
const head = (kind: string, name = 'edge', apiVersion = 'backstage.io/v1alpha1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
const component = (spec: string, meta = '') =>
  `${head('Component')}${meta}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n${spec}`;
const template = (spec: string) =>
  `${head('Template', 'edge', 'scaffolder.backstage.io/v1beta3')}spec:\n  type: service\n${spec}`;

const EDGE_CASES: string[] = [
  component(''),
  component('', '  namespace: a--b\n'),
  component('', '  namespace: ""\n'),
  component('', '  title: ""\n'),
  component('', '  title: " "\n'),
  component('', '  description: ""\n'),
  component('', '  description:\n'),
  component('', '  uid: ""\n'),
  component('', '  labels:\n    example.com/team: ""\n'),
  component('', '  labels:\n    example.com/team: "has space"\n'),
  component('', '  labels:\n    Example.com/team: x\n'),
  component('', '  labels:\n    example.com/: x\n'),
  component('', '  annotations:\n    a.b.c/d_e.f: anything at all\n'),
  component('', '  annotations:\n    x:\n'),
  component('', '  tags: [java, "c++", "c#", "ns:tag", a-b]\n'),
  component('', '  tags: ["a--b"]\n'),
  component('', '  tags: [""]\n'),
  component('', '  links:\n    - url: https://example.com\n      title: " "\n'),
  component('', '  links:\n    - url: https://example.com\n      type: ""\n'),
  component('', '  links:\n    - url: https://example.com\n      type: " "\n'),
  component('', '  links:\n    - url: mailto:a@example.com\n'),
  component('', '  links:\n    - url: /relative/path\n'),
  component('', '  links:\n    - url: https://example.com\n      extra: 1\n'),
  component('', '  generation: 3\n'),
  component('  dependsOn: [component:a, "resource:ns/b"]\n'),
  component('  dependsOn: [a]\n'),
  component('  dependsOn: component:a\n'),
  component('  dependencyOf: component:a\n'),
  component('  dependencyOf: [component:a]\n'),
  component('  dependencyOf: a\n'),
  component('  providesApis: [ns/api-a, "api:b"]\n'),
  component('  providesApis: ["ns/"]\n'),
  component('  consumesApis: []\n'),
  component('  system: "a:b:c"\n'),
  component('  system: "a/b:c"\n'),
  component('  subcomponentOf: ":x"\n'),
  component('  system:\n'),
  component('  customField: { anything: [1, 2] }\n'),
  `${head('Component')}spec:\n  type: service\n  lifecycle: production\n  owner: ""\n`,
  `${head('Component')}spec: []\n`,
  `${head('Component')}spec:\n`,
  `${head('Component')}spec: {}\nrelations: []\n`,
  `${head('Component')}spec: {}\nstatus: {}\n`,
  `${head('component')}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
  `${head('Component', 'edge', 'backstage.io/v1beta1')}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
  `${head('Component', 'edge', 'Backstage.io/v1alpha1')}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
  `${head('Component', 'edge', 'v1alpha1')}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
  `${head('Component', 'a_b.c-d')}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
  `${head('Component', 'a__b')}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
  `${head('Component', '123')}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
  `${head('API')}spec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: "openapi: 3.0.0"\n  system: sys\n`,
  `${head('API')}spec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: {}\n`,
  `${head('Resource')}spec:\n  type: database\n  owner: team-a\n  dependsOn: [resource:b]\n  dependencyOf: [component:c]\n`,
  `${head('Resource')}spec:\n  type: database\n`,
  `${head('System')}spec:\n  owner: team-a\n  domain: d\n  type: product\n`,
  `${head('System')}spec:\n  owner: team-a\n  domain: ""\n`,
  `${head('Domain')}spec:\n  owner: team-a\n  subdomainOf: parent\n  type: product-area\n`,
  `${head('Domain')}spec: {}\n`,
  `${head('Group')}spec:\n  type: team\n  children: []\n`,
  `${head('Group')}spec:\n  type: team\n`,
  `${head('Group')}spec:\n  type: team\n  children: []\n  parent: ""\n`,
  `${head('Group')}spec:\n  type: team\n  children: [a, b]\n  members: [u1, "user:ns/u2"]\n  parent: root\n  profile:\n    displayName: A\n    email: a@example.com\n    picture: https://example.com/a.png\n`,
  `${head('Group')}spec:\n  type: team\n  children: []\n  profile:\n    email: ""\n`,
  `${head('Group')}spec:\n  type: team\n  children: []\n  profile: a\n`,
  `${head('User')}spec:\n  memberOf: []\n`,
  `${head('User')}spec: {}\n`,
  `${head('User')}spec:\n  memberOf: team-a\n`,
  `${head('User')}spec:\n  memberOf: [team-a]\n  profile:\n    displayName: Jane\n`,
  `${head('Location')}spec:\n  targets: [./a.yaml, ./b.yaml]\n`,
  `${head('Location')}spec:\n  type: url\n  target: https://example.com/catalog-info.yaml\n  presence: optional\n`,
  `${head('Location')}spec:\n  target: ./a.yaml\n  presence: maybe\n`,
  `${head('Location')}spec: {}\n`,
  `${head('Location')}spec:\n  target: ""\n`,
  template('  steps: []\n'),
  template('  owner: team-a\n  steps:\n    - id: fetch\n      action: fetch:template\n      input:\n        url: ./skeleton\n      if: "${{ parameters.x }}"\n'),
  template('  steps:\n    - id: fetch\n'),
  template('  steps:\n    - action: x\n      if: 1\n'),
  template('  steps:\n    - action: x\n      input: []\n'),
  template('  parameters:\n    - title: Page 1\n      properties: {}\n  steps: []\n'),
  template('  parameters:\n    title: One page\n  steps: []\n'),
  template('  parameters: nope\n  steps: []\n'),
  template('  parameters:\n    - nope\n  steps: []\n'),
  template('  steps: []\n  output:\n    links:\n      - title: Repo\n        url: "${{ steps.publish.output.remoteUrl }}"\n    text:\n      - content: done\n    remoteUrl: "${{ steps.publish.output.remoteUrl }}"\n'),
  template('  steps: []\n  output:\n    count: 3\n'),
  template('  steps: []\n  owner: ""\n'),
  template('  steps: []\n  owner: "group:"\n'),
  `${head('Template', 'edge', 'scaffolder.backstage.io/v1beta3')}spec:\n  steps: []\n`,
  `${head('Template', 'edge', 'backstage.io/v1beta2')}spec:\n  type: service\n  steps: []\n`,
];

/** Edge cases where Callboard refuses what Backstage lets through, each on purpose. */
const EDGE_CASE_DIFFERENCES: { yaml: string; reason: string }[] = [
  {
    yaml: `${head('Component')}spec:\n  type: service\n  lifecycle: production\n  owner: "   "\n`,
    reason:
      'A reference made only of spaces passes Backstage (its parser does not trim, so the name is "   ") and yields a relation to nothing; Callboard trims references and refuses an empty one.',
  },
];

// --------------------------------------------------------------------- Tests

describe('compatibility with Backstage', () => {
  it('reaches the same verdict as Backstage on every fixture entity document', async () => {
    const documents = loadDocuments(fixtureFiles());
    expect(documents.length).toBeGreaterThan(150);

    const mismatches: string[] = [];
    const staleDifferences: string[] = [];
    let agreements = 0;
    let accepted = 0;
    for (const doc of documents) {
      // A document the YAML parser refuses is refused by both catalogs before any validator runs.
      const ours = doc.yamlError ? { ok: false as const, reason: doc.yamlError } : callboardVerdict(structuredClone(doc.value));
      const theirs = doc.yamlError ? { ok: false as const, reason: doc.yamlError } : await backstageVerdict(structuredClone(doc.value));
      const known = KNOWN_DIFFERENCES.find((d) => d.file === doc.file && d.index === doc.index);
      const agree = ours.ok === theirs.ok;
      if (agree) agreements += 1;
      if (ours.ok && theirs.ok) accepted += 1;
      if (known && agree) staleDifferences.push(`${doc.file} #${doc.index}: both now ${ours.ok ? 'accept' : 'refuse'} it`);
      if (!known && !agree) {
        const describe = (v: Verdict) => (v.ok ? 'accepts' : `refuses (${v.reason})`);
        mismatches.push(`${doc.file} #${doc.index}: Callboard ${describe(ours)}, Backstage ${describe(theirs)}`);
      }
    }

    const bySource = ['catalog', 'hostile', 'templates']
      .map((source) => `${documents.filter((d) => d.file.startsWith(`${source}/`)).length} ${source}`)
      .join(', ');
    console.log(
      `catalog-model compatibility: ${documents.length} documents (${bySource}), ${agreements} verdicts agree with Backstage (${accepted} accepted by both), ${KNOWN_DIFFERENCES.length} known differences`,
    );
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(staleDifferences, staleDifferences.join('\n')).toEqual([]);
  });

  it('agrees with Backstage on hand-written edge cases', async () => {
    const mismatches: string[] = [];
    for (const [index, text] of EDGE_CASES.entries()) {
      const value: unknown = parseDocument(text).toJS();
      const ours = callboardVerdict(structuredClone(value));
      const theirs = await backstageVerdict(structuredClone(value));
      if (ours.ok !== theirs.ok) {
        const describe = (v: Verdict) => (v.ok ? 'accepts' : `refuses (${v.reason})`);
        mismatches.push(`edge case #${index}:\n${text}Callboard ${describe(ours)}, Backstage ${describe(theirs)}`);
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });

  it('differs from Backstage only where Callboard is deliberately stricter', async () => {
    for (const { yaml, reason } of EDGE_CASE_DIFFERENCES) {
      const value: unknown = parseDocument(yaml).toJS();
      const ours = callboardVerdict(structuredClone(value));
      const theirs = await backstageVerdict(structuredClone(value));
      expect({ callboard: ours.ok, backstage: theirs.ok }, `${reason}\n${yaml}`).toEqual({ callboard: false, backstage: true });
    }
  });

  it('reads references with the same default kinds as Backstage', () => {
    for (const summary of backstageModel.listKinds()) {
      for (const version of summary.versions) {
        const kind = backstageModel.getKind({ kind: summary.names.kind, apiVersion: version.apiVersion });
        const ours = BUILTIN_KINDS.find((k) => k.kind === summary.names.kind);
        expect(ours, `Callboard defines ${summary.names.kind}`).toBeDefined();
        expect(ours!.apiVersions).toContain(version.apiVersion);
        const theirFields = (kind?.relationFields ?? []).map((f) => ({
          field: f.path.replace(/^spec\./, ''),
          type: f.relation,
          defaultKind: f.defaultKind,
        }));
        const ourFields = (ours!.relations ?? []).map((r) => ({ field: r.field, type: r.type, defaultKind: r.defaultKind }));
        const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
        expect(ourFields.sort(byField)).toEqual(theirFields.sort(byField));
        for (const field of theirFields) {
          expect(refDefaultsFor(summary.names.kind, field.field).defaultKind).toBe(field.defaultKind);
        }
      }
    }
  });
});
