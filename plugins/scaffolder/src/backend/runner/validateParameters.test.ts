import { describe, expect, it } from 'vitest';
import { validateParameters } from './validateParameters.ts';

const pages = [
  {
    title: 'About',
    required: ['name', 'owner'],
    properties: {
      name: { type: 'string', pattern: '^[a-z-]+$', 'ui:autofocus': true },
      owner: { type: 'string', 'ui:field': 'OwnerPicker' },
      lang: { type: 'string', enum: ['go', 'node'] },
      withDb: { type: 'boolean' },
    },
    // Conditional fields: choosing a database makes its name required.
    dependencies: {
      withDb: {
        oneOf: [
          { properties: { withDb: { const: false } } },
          { properties: { withDb: { const: true }, dbName: { type: 'string' } }, required: ['dbName'] },
        ],
      },
    },
  },
  { title: 'Where', required: ['repoUrl'], properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' } } },
];

describe('validateParameters', () => {
  it('accepts values that fit every page', () => {
    expect(validateParameters(pages, { name: 'web', owner: 'group:a', lang: 'go', repoUrl: 'github.com?owner=a&repo=b' })).toEqual([]);
    expect(validateParameters(pages, { name: 'web', owner: 'group:a', withDb: true, dbName: 'x', repoUrl: 'h?owner=a&repo=b' })).toEqual([]);
  });

  it('names every problem with its page and field', () => {
    expect(validateParameters(pages, { name: 'Not Valid', lang: 'cobol' })).toEqual([
      'page 1 (About): owner: is required',
      'page 1 (About): name: does not match pattern "^[a-z-]+$"',
      'page 1 (About): lang: must be one of "go", "node"',
      'page 2 (Where): repoUrl: is required',
    ]);
    expect(validateParameters(pages, { name: 'web', owner: 'o', withDb: true, repoUrl: 'x' })).toEqual([
      'page 1 (About): withDb: the fields that depend on it are missing or invalid',
      'page 1 (About): withDb: fits none, or more than one, of its alternatives',
    ]);
  });
});
