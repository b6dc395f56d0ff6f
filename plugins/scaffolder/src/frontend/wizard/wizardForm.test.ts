import { describe, expect, it } from 'vitest';
import { splitUiSchema } from './splitUiSchema.ts';
import { reviewSections, secretFieldNames } from './reviewRows.ts';
import { pageForm } from './pageForm.ts';

const page = {
  title: 'About',
  description: 'The basics',
  required: ['name'],
  properties: {
    name: { title: 'Name', type: 'string', 'ui:field': 'EntityNamePicker', 'ui:autofocus': true },
    password: { title: 'Password', type: 'string', 'ui:widget': 'password' },
    token: { title: 'Token', type: 'string', 'ui:field': 'Secret' },
    hidden: { title: 'Hidden', type: 'string', 'ui:backstage': { review: { show: false } } },
    tags: { title: 'Tags', type: 'array', items: { type: 'string', 'ui:placeholder': 'tag' } },
    repoUrl: { title: 'Repository', type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['local'] } },
    useDb: { title: 'Database?', type: 'boolean' },
  },
  dependencies: {
    useDb: {
      oneOf: [
        { properties: { useDb: { const: false } } },
        { properties: { useDb: { const: true }, dbName: { title: 'Database name', type: 'string', 'ui:help': 'lower case' } }, required: ['dbName'] },
      ],
    },
  },
};

describe('splitUiSchema', () => {
  it('moves every ui: key out of the schema, keeping the shape for rjsf', () => {
    const { schema, uiSchema } = splitUiSchema(page);
    expect(JSON.stringify(schema)).not.toContain('ui:');
    expect(uiSchema.name).toEqual({ 'ui:field': 'EntityNamePicker', 'ui:autofocus': true });
    expect(uiSchema.tags).toEqual({ items: { 'ui:placeholder': 'tag' } });
    expect(uiSchema.repoUrl).toEqual({ 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['local'] } });
    // A field that exists only in a dependencies branch keeps its options.
    expect(uiSchema.dbName).toEqual({ 'ui:help': 'lower case' });
    expect((schema.dependencies as any).useDb.oneOf[1].properties.dbName).toEqual({ title: 'Database name', type: 'string' });
  });

  it('leaves the page title to the stepper and hides custom fields’ duplicate errors', () => {
    const form = pageForm({ title: 'About', schema: page });
    expect(form.schema.title).toBeUndefined();
    expect(form.schema.description).toBeUndefined();
    expect((form.uiSchema.name as Record<string, unknown>)['ui:hideError']).toBe(true);
    expect((form.uiSchema.password as Record<string, unknown> | undefined)?.['ui:hideError']).toBeUndefined();
  });
});

describe('reviewSections', () => {
  it('labels values with titles, masks passwords and secrets, hides what the template hides', () => {
    const sections = reviewSections([{ title: 'About', schema: page }], {
      name: 'payments',
      password: 'hunter2',
      token: 'ghp_x',
      hidden: 'nope',
      tags: ['a', 'b'],
      repoUrl: 'local?owner=acme&repo=payments',
      useDb: true,
      dbName: 'pay',
      empty: '',
    });
    expect(sections).toHaveLength(1);
    const rows = Object.fromEntries(sections[0]!.rows.map((r) => [r.label, r.value]));
    expect(rows).toEqual({
      Name: 'payments',
      Password: '••••••••',
      Token: '••••••••',
      Tags: 'a, b',
      Repository: 'acme/payments on local',
      'Database?': 'Yes',
      'Database name': 'pay',
    });
    expect(JSON.stringify(sections)).not.toContain('hunter2');
  });

  it('sends Secret fields as secrets, not parameters', () => {
    expect([...secretFieldNames([{ schema: page }])]).toEqual(['token']);
  });
});
