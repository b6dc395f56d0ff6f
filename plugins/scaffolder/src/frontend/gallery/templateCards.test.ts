import { describe, expect, it } from 'vitest';
import { filterCards, templateCard } from './templateCards.ts';

const cards = [
  templateCard({
    metadata: { name: 'node-service', title: 'Node.js service', description: 'An HTTP service', tags: ['nodejs', 'recommended'], annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
    spec: { type: 'service', owner: 'platform' },
  }),
  templateCard({ metadata: { name: 'docs-site', namespace: 'tools', tags: ['docs'] }, spec: { type: 'documentation', owner: 'user:default/ann' } }),
];

describe('template gallery', () => {
  it('links the owner, the docs and the wizard', () => {
    expect(cards[0]).toMatchObject({
      title: 'Node.js service',
      owner: { ref: 'group:default/platform', label: 'platform', path: '/catalog/default/group/platform' },
      docsPath: '/catalog/default/template/node-service/docs',
      wizardPath: '/create/templates/default/node-service',
    });
    expect(cards[1]).toMatchObject({ title: 'docs-site', owner: { path: '/catalog/default/user/ann' }, wizardPath: '/create/templates/tools/docs-site' });
    expect(cards[1]).not.toHaveProperty('docsPath');
  });

  it('filters by text, type and every chosen tag', () => {
    const names = (f: Parameters<typeof filterCards>[1]) => filterCards(cards, f).map((c) => c.name);
    expect(names({ text: 'http', type: '', tags: [] })).toEqual(['node-service']);
    expect(names({ text: 'ann', type: '', tags: [] })).toEqual(['docs-site']);
    expect(names({ text: '', type: 'documentation', tags: [] })).toEqual(['docs-site']);
    expect(names({ text: '', type: '', tags: ['nodejs', 'recommended'] })).toEqual(['node-service']);
    expect(names({ text: '', type: '', tags: ['nodejs', 'docs'] })).toEqual([]);
  });
});
