import { describe, expect, it } from 'vitest';
import { parseFilterParams, parsePredicate } from './filterTree.ts';

describe('parseFilterParams', () => {
  it('ANDs inside one filter and ORs across filters, lowercasing keys and values', () => {
    expect(parseFilterParams(['Kind=Component,spec.type=service', 'kind=api'])).toEqual({
      op: 'any',
      nodes: [
        {
          op: 'all',
          nodes: [
            { op: 'match', key: 'kind', values: ['component'] },
            { op: 'match', key: 'spec.type', values: ['service'] },
          ],
        },
        { op: 'all', nodes: [{ op: 'match', key: 'kind', values: ['api'] }] },
      ],
    });
  });

  it('treats a bare key as existence and a repeated key as any-of', () => {
    expect(parseFilterParams(['spec.owner,kind=component,kind=api'])).toEqual({
      op: 'all',
      nodes: [
        { op: 'match', key: 'spec.owner' },
        { op: 'match', key: 'kind', values: ['component', 'api'] },
      ],
    });
  });

  it('keeps = signs and slashes inside values and annotation keys', () => {
    expect(parseFilterParams(['metadata.annotations.backstage.io/techdocs-ref=dir:.'])).toEqual({
      op: 'all',
      nodes: [{ op: 'match', key: 'metadata.annotations.backstage.io/techdocs-ref', values: ['dir:.'] }],
    });
    expect(parseFilterParams(['relations.ownedBy=group:default/a=b'])).toEqual({
      op: 'all',
      nodes: [{ op: 'match', key: 'relations.ownedby', values: ['group:default/a=b'] }],
    });
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

describe('parsePredicate', () => {
  it('reads $all, $any, $not, $exists, $in and $hasPrefix', () => {
    expect(
      parsePredicate({
        $all: [
          { kind: 'Component', 'spec.type': { $in: ['service', 'Website'] } },
          { $not: { 'spec.lifecycle': 'deprecated' } },
          { $any: [{ 'metadata.tags': 'java' }, { 'metadata.name': { $hasPrefix: 'Pay' } }] },
          { 'spec.owner': { $exists: false } },
        ],
      }),
    ).toEqual({
      op: 'all',
      nodes: [
        {
          op: 'all',
          nodes: [
            { op: 'match', key: 'kind', values: ['component'] },
            { op: 'match', key: 'spec.type', values: ['service', 'website'] },
          ],
        },
        { op: 'not', node: { op: 'match', key: 'spec.lifecycle', values: ['deprecated'] } },
        {
          op: 'any',
          nodes: [
            { op: 'match', key: 'metadata.tags', values: ['java'] },
            { op: 'match', key: 'metadata.name', prefix: 'pay' },
          ],
        },
        { op: 'not', node: { op: 'match', key: 'spec.owner' } },
      ],
    });
  });

  it('names the place of an unsupported operator', () => {
    expect(() => parsePredicate({ $all: [{ kind: { $regex: 'x' } }] })).toThrow(/query.\$all\[0\].kind: operator '\$regex' is not supported/);
    expect(() => parsePredicate([])).toThrow(/must be an object/);
  });
});
