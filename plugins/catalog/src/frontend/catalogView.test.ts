import { describe, expect, it } from 'vitest';
import { changeCatalogView, readCatalogView, toEntitiesQuery, writeCatalogView } from './catalogView.ts';

describe('catalog view in the URL', () => {
  it('reads defaults from an empty query string and writes nothing back', () => {
    const view = readCatalogView(new URLSearchParams());
    expect(view).toEqual({ q: '', pageSize: 20, order: 'asc' });
    expect(writeCatalogView(view).toString()).toBe('');
  });

  it('round-trips every filter', () => {
    const params = new URLSearchParams('kind=Component&q=pay&pageSize=50&order=desc&cursor=abc');
    expect(writeCatalogView(readCatalogView(params)).toString()).toBe(params.toString());
  });

  it('falls back to the default page size for values it does not offer', () => {
    expect(readCatalogView(new URLSearchParams('pageSize=7')).pageSize).toBe(20);
    expect(readCatalogView(new URLSearchParams('pageSize=abc')).pageSize).toBe(20);
  });

  it('drops the cursor when a filter changes, since it belongs to the old query', () => {
    const view = readCatalogView(new URLSearchParams('kind=API&cursor=abc'));
    expect(changeCatalogView(view, { q: 'x' })).toEqual({ kind: 'API', q: 'x', pageSize: 20, order: 'asc' });
    expect(changeCatalogView(view, { kind: '' })).toEqual({ q: '', pageSize: 20, order: 'asc' });
  });

  it('sends filters, sort and search on the first page and only the cursor after that', () => {
    expect(toEntitiesQuery(readCatalogView(new URLSearchParams('kind=Component&q=%20pay%20')))).toEqual({
      filter: ['kind=Component'],
      limit: 20,
      orderField: ['metadata.name,asc'],
      fullTextFilterTerm: 'pay',
    });
    expect(toEntitiesQuery(readCatalogView(new URLSearchParams('kind=Component&cursor=abc&pageSize=100')))).toEqual({
      cursor: 'abc',
      limit: 100,
    });
  });
});
