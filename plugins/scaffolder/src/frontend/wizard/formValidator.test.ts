import { describe, expect, it } from 'vitest';
import type { RJSFSchema } from '@rjsf/utils';
import { formValidator } from './formValidator.ts';
import { customValidate, pageForm, transformErrors } from './pageForm.ts';

const page = pageForm({
  title: 'About',
  schema: {
    required: ['name', 'repoUrl'],
    properties: {
      name: { title: 'Name', type: 'string', pattern: '^[a-z-]+$' },
      repoUrl: { title: 'Repository', type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['local'] } },
      useDb: { type: 'boolean' },
    },
    dependencies: { useDb: { oneOf: [{ properties: { useDb: { const: false } } }, { properties: { useDb: { const: true }, dbName: { type: 'string' } }, required: ['dbName'] }] } },
  },
});

describe('the wizard’s validator', () => {
  it('puts each schema error under its field, in words a person acts on', () => {
    const result = formValidator.validateFormData({ name: 'Bad Name' }, page.schema, undefined, transformErrors, page.uiSchema);
    expect(result.errorSchema.name?.__errors?.[0]).toMatch(/expected form/);
    expect(result.errorSchema.repoUrl?.__errors).toEqual(['Required']);
  });

  it('runs the custom fields’ own checks with the schema’s', () => {
    const result = formValidator.validateFormData({ name: 'ok', repoUrl: 'github.com?owner=a&repo=b' }, page.schema, customValidate, transformErrors, page.uiSchema);
    expect(result.errorSchema.repoUrl?.__errors).toEqual(['The host must be one of local']);
    const fine = formValidator.validateFormData({ name: 'ok', repoUrl: 'local?owner=a&repo=b' }, page.schema, customValidate, transformErrors, page.uiSchema);
    expect(fine.errors).toEqual([]);
  });

  it('follows dependencies: a field required only when another is set', () => {
    const needsDb = formValidator.validateFormData({ name: 'ok', repoUrl: 'local?owner=a&repo=b', useDb: true }, page.schema, undefined, transformErrors, page.uiSchema);
    expect(needsDb.errors.length).toBeGreaterThan(0);
    const branch = (page.schema.dependencies as Record<string, { oneOf: RJSFSchema[] }>).useDb!.oneOf[1]!;
    expect(formValidator.isValid(branch, { useDb: true, dbName: 'x' }, page.schema)).toBe(true);
    expect(formValidator.isValid(branch, { useDb: false }, page.schema)).toBe(false);
  });

  it('reports a broken schema instead of throwing', () => {
    const result = formValidator.validateFormData({}, { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } } as RJSFSchema);
    expect(result.errors.some((e) => /not a valid JSON Schema/.test(e.stack))).toBe(true);
  });
});
