import { describe, expect, it } from 'vitest';
import { assignLayers, layoutGraph, DEFAULT_LAYOUT } from './layoutGraph.ts';

const input = {
  rootId: 'me',
  nodes: [{ id: 'me' }, { id: 'owner' }, { id: 'db' }, { id: 'caller' }, { id: 'parent' }, { id: 'sibling' }],
  edges: [
    { from: 'me', to: 'owner', label: 'owned by' },
    { from: 'me', to: 'db', label: 'depends on' },
    { from: 'caller', to: 'me', label: 'depends on' },
    { from: 'owner', to: 'parent', label: 'child of' },
    { from: 'sibling', to: 'owner', label: 'owned by' },
  ],
};

describe('graph layout', () => {
  it('puts what the entity points to on the right, what points to it on the left, and each next hop further out', () => {
    // The sibling points at the owner, yet it is drawn beyond the owner: the picture reads outwards from the entity.
    expect(Object.fromEntries(assignLayers(input))).toEqual({ me: 0, owner: 1, db: 1, caller: -1, parent: 2, sibling: 2 });
  });

  it('keeps the entity alone in its column', () => {
    const layout = layoutGraph(input);
    const me = layout.nodes.get('me')!;
    expect([...layout.nodes.values()].filter((n) => n.x === me.x)).toHaveLength(1);
  });

  it('places nodes in columns without overlap, the graph inside its box', () => {
    const layout = layoutGraph(input);
    const { nodeWidth: w, nodeHeight: h } = DEFAULT_LAYOUT;
    const nodes = [...layout.nodes.values()];
    expect(new Set(nodes.map((n) => n.x)).size).toBe(4);
    for (const a of nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + w).toBeLessThanOrEqual(layout.width);
      expect(a.y + h).toBeLessThanOrEqual(layout.height);
      for (const b of nodes) {
        if (a === b) continue;
        const overlap = a.x < b.x + w && b.x < a.x + w && a.y < b.y + h && b.y < a.y + h;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    expect(layout.nodes.get('caller')!.x).toBeLessThan(layout.nodes.get('me')!.x);
    expect(layout.nodes.get('parent')!.x).toBeGreaterThan(layout.nodes.get('owner')!.x);
  });

  it('routes every edge from its source to its target, with its label on the curve clear of nodes and other labels', () => {
    const layout = layoutGraph(input);
    expect(layout.edges).toHaveLength(5);
    const edge = layout.edges.find((e) => e.from === 'caller')!;
    const caller = layout.nodes.get('caller')!;
    const me = layout.nodes.get('me')!;
    expect(edge.path.startsWith(`M${caller.x + DEFAULT_LAYOUT.nodeWidth},`)).toBe(true);
    expect(edge.path.endsWith(`${me.x},${me.y + DEFAULT_LAYOUT.nodeHeight / 2}`)).toBe(true);
    expect(edge.labelX).toBeGreaterThan(caller.x + DEFAULT_LAYOUT.nodeWidth);
    expect(edge.labelX).toBeLessThan(me.x);
    expect(layout.edges.map((e) => e.index).sort()).toEqual([0, 1, 2, 3, 4]);
    const { nodeWidth: w, nodeHeight: h } = DEFAULT_LAYOUT;
    const labelled = layout.edges.filter((e) => e.labelX !== undefined);
    expect(labelled.length).toBeGreaterThanOrEqual(4);
    for (const e of labelled) {
      for (const n of layout.nodes.values()) {
        const inside = e.labelX! > n.x && e.labelX! < n.x + w && e.labelY! > n.y && e.labelY! < n.y + h;
        expect(inside, `label of ${e.from}→${e.to} on ${n.id}`).toBe(false);
      }
    }
  });

  it('leaves out labels that would pile up on one another', () => {
    const many = {
      rootId: 'r',
      nodes: [{ id: 'r' }, ...Array.from({ length: 12 }, (_, i) => ({ id: `n${i}` }))],
      edges: Array.from({ length: 12 }, (_, i) => ({ from: 'r', to: `n${i}`, label: 'owned by' })),
    };
    const layout = layoutGraph(many, { ...DEFAULT_LAYOUT, rowGap: 0, nodeHeight: 10 });
    const boxes = layout.edges
      .filter((e) => e.labelX !== undefined)
      .map((e) => ({ x: e.labelX!, y: e.labelY! }));
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.length).toBeLessThan(12);
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(Math.abs(a.y - b.y) >= 16 || Math.abs(a.x - b.x) >= 80).toBe(true);
  });

  it('orders a column by its neighbours to avoid crossings', () => {
    const crossing = {
      rootId: 'r',
      nodes: [{ id: 'r' }, { id: 'a' }, { id: 'b' }, { id: 'a2' }, { id: 'b2' }],
      // In input order (a above b, a2 above b2) the two edges would cross.
      edges: [
        { from: 'r', to: 'a' },
        { from: 'r', to: 'b' },
        { from: 'b', to: 'a2' },
        { from: 'a', to: 'b2' },
      ],
    };
    const layout = layoutGraph(crossing);
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(Math.sign(y('a') - y('b'))).toBe(Math.sign(y('b2') - y('a2')));
  });

  it('lays out a lone entity', () => {
    const layout = layoutGraph({ rootId: 'r', nodes: [{ id: 'r' }], edges: [] });
    expect(layout.nodes.get('r')).toMatchObject({ x: DEFAULT_LAYOUT.margin, y: DEFAULT_LAYOUT.margin, layer: 0 });
    expect(layout.edges).toEqual([]);
  });
});
