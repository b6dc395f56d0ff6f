import { describe, expect, it } from 'vitest';
import {
  buildFilter,
  changeCatalogView,
  DEFAULT_VIEW,
  facetRequests,
  readCatalogView,
  ROW_FIELDS,
  toEntitiesQuery,
  toggleFacetValue,
  writeCatalogView,
  type CatalogView,
} from './catalogView.ts';

const fields = [ROW_FIELDS.join(',')];

describe('catalog view in the URL', () => {
  it('reads defaults from an empty query string and writes nothing back', () => {
    const view = readCatalogView(new URLSearchParams());
    expect(view).toEqual(DEFAULT_VIEW);
    expect(writeCatalogView(view).toString()).toBe('');
  });

  it('round-trips every filter, the sort, the search, the starred toggle and paging', () => {
    const params = new URLSearchParams(
      'kind=Component&kind=API&type=service&owner=team-a&owner=group%3Aops%2Fsre&lifecycle=production&tag=go&namespace=default' +
        '&q=pay&sort=owner&order=desc&starred=true&paging=pages&pageSize=50&cursor=abc',
    );
    const view = readCatalogView(params);
    expect(view).toEqual({
      filters: {
        kind: ['Component', 'API'],
        type: ['service'],
        owner: ['team-a', 'group:ops/sre'],
        lifecycle: ['production'],
        tag: ['go'],
        namespace: ['default'],
      },
      q: 'pay',
      sort: 'owner',
      order: 'desc',
      starred: true,
      paging: 'pages',
      pageSize: 50,
      cursor: 'abc',
    } satisfies CatalogView);
    expect(writeCatalogView(view).toString()).toBe(params.toString());
    expect(readCatalogView(writeCatalogView(view))).toEqual(view);
  });

  it('keeps links from before continuous scrolling on their page', () => {
    expect(readCatalogView(new URLSearchParams('kind=user&pageSize=20')).paging).toBe('pages');
    expect(readCatalogView(new URLSearchParams('cursor=abc'))).toMatchObject({ paging: 'pages', cursor: 'abc' });
    expect(readCatalogView(new URLSearchParams('paging=scroll&cursor=abc'))).toEqual(DEFAULT_VIEW);
  });

  it('falls back to defaults for values it does not know', () => {
    const view = readCatalogView(new URLSearchParams('pageSize=7&sort=description&order=sideways&starred=yes&paging=pages'));
    expect(view).toMatchObject({ pageSize: 20, sort: 'name', order: 'asc', starred: false });
  });

  it('drops blank, duplicate and comma-holding facet values, which the filter syntax cannot carry', () => {
    const view = readCatalogView(new URLSearchParams('kind=component&kind=Component&kind=&tag=a,b&tag=go'));
    expect(view.filters).toEqual({ kind: ['component'], tag: ['go'] });
  });

  it('drops the cursor when anything but the cursor changes, since it belongs to the old query', () => {
    const view = readCatalogView(new URLSearchParams('kind=API&paging=pages&cursor=abc'));
    const { cursor: _cursor, ...withoutCursor } = view;
    expect(changeCatalogView(view, { q: 'x' })).toEqual({ ...withoutCursor, q: 'x' });
    expect(changeCatalogView(view, { sort: 'kind' })).not.toHaveProperty('cursor');
  });

  it('toggles one facet value without touching the others', () => {
    const filters = { kind: ['Component'], lifecycle: ['production'] };
    expect(toggleFacetValue(filters, 'kind', 'API')).toEqual({ kind: ['Component', 'API'], lifecycle: ['production'] });
    expect(toggleFacetValue(filters, 'kind', 'component')).toEqual({ lifecycle: ['production'] });
  });
});

describe('filters for the server', () => {
  it('puts every facet in one filter: any of the values within a facet, all facets together', () => {
    expect(buildFilter({})).toBeUndefined();
    expect(buildFilter({ kind: ['Component', 'API'], lifecycle: ['production'], tag: ['go'] })).toBe(
      'kind=Component,kind=API,spec.lifecycle=production,metadata.tags=go',
    );
  });

  it('leaves one facet out when asking for that facet’s own counts', () => {
    expect(buildFilter({ kind: ['Component'], owner: ['team-a'] }, 'kind')).toBe('spec.owner=team-a');
    expect(buildFilter({ kind: ['Component'] }, 'kind')).toBeUndefined();
  });

  it('asks for all facets at once when nothing is selected', () => {
    expect(facetRequests({})).toEqual([
      { facets: ['kind', 'type', 'owner', 'lifecycle', 'tag', 'namespace'], filter: undefined },
    ]);
  });

  it('counts each selected facet under the other selections only', () => {
    expect(facetRequests({ kind: ['Component'], lifecycle: ['production', 'experimental'] })).toEqual([
      { facets: ['type', 'owner', 'tag', 'namespace'], filter: 'kind=Component,spec.lifecycle=production,spec.lifecycle=experimental' },
      { facets: ['kind'], filter: 'spec.lifecycle=production,spec.lifecycle=experimental' },
      { facets: ['lifecycle'], filter: 'kind=Component' },
    ]);
  });

  it('sends filters, sort and search on the first page, and only the cursor on later pages', () => {
    const view = readCatalogView(new URLSearchParams('kind=Component&q=%20pay%20&sort=lifecycle&order=desc'));
    expect(toEntitiesQuery(view, 50)).toEqual({
      filter: ['kind=Component'],
      limit: 50,
      orderField: ['spec.lifecycle,desc'],
      fullTextFilterTerm: 'pay',
      fields,
    });
    expect(toEntitiesQuery(readCatalogView(new URLSearchParams('kind=Component&paging=pages&cursor=abc&pageSize=100')), 100)).toEqual({
      cursor: 'abc',
      limit: 100,
      fields,
    });
  });
});
