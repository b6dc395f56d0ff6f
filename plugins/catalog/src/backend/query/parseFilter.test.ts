import { describe, expect, it } from 'vitest';
import { parseFilterParams } from './parseFilter.ts';

describe('parseFilterParams', () => {
  it('ANDs inside one filter and ORs across filters, lowercasing keys and values', () => {
    expect(parseFilterParams(['Kind=Component,spec.type=service', 'kind=api'])).toEqual([
      [
        { key: 'kind', values: ['component'] },
        { key: 'spec.type', values: ['service'] },
      ],
      [{ key: 'kind', values: ['api'] }],
    ]);
  });

  it('treats a bare key as existence and a repeated key as any-of', () => {
    expect(parseFilterParams(['spec.owner,kind=component,kind=api'])).toEqual([
      [{ key: 'spec.owner' }, { key: 'kind', values: ['component', 'api'] }],
    ]);
  });

  it('keeps = signs and slashes inside values and annotation keys', () => {
    expect(parseFilterParams(['metadata.annotations.backstage.io/techdocs-ref=dir:.', 'relations.ownedBy=group:default/a=b'])).toEqual([
      [{ key: 'metadata.annotations.backstage.io/techdocs-ref', values: ['dir:.'] }],
      [{ key: 'relations.ownedby', values: ['group:default/a=b'] }],
    ]);
  });

  it.each([
    ['', /it is empty/],
    ['kind=component,,spec.type=x', /empty condition between commas/],
    ['=component', /has no key before '='/],
    ['kind=', /'kind=' has no value/],
    ['ki nd=x', /is not a valid key/],
  ])('rejects %j with a message that says what is wrong', (filter, message) => {
    expect(() => parseFilterParams([filter])).toThrow(message);
  });
});
