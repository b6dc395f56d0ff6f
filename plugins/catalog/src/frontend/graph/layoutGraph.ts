/*
 * A small layered layout for the relation graph, written here rather than
 * pulled in (dagre and elk weigh 30–400 KB): the graphs are at most a few
 * dozen nodes, two hops around one entity.
 *
 * Columns: the entity sits alone in the middle; what it points to (its
 * owner, system, dependencies, APIs) goes to its right, what points to it
 * (dependents, parts, members) to its left. Each further hop goes one column
 * further out on the side of the node it hangs off, whatever the direction
 * of its edge, so the picture reads outwards from the entity. Inside a
 * column, nodes are ordered by the barycentre of their neighbours, a few
 * sweeps each way, which removes most crossings. Edge labels are placed
 * along their curve where they hit neither a node nor another label, and
 * left out where no such place exists (the edge keeps a tooltip).
 */

export interface LayoutInput {
  rootId: string;
  nodes: readonly { id: string }[];
  edges: readonly { from: string; to: string; label?: string }[];
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
  margin: number;
}

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  layer: number;
}

export interface PlacedEdge {
  /** Position of the edge in the input, to find its type and the like. */
  index: number;
  from: string;
  to: string;
  /** SVG path data, from the `from` node to the `to` node. */
  path: string;
  /** Skips over a column (e.g. from a dependent on the left to the owner on the right): drawn faint and unlabelled. */
  long: boolean;
  /** Where the label's centre goes, when it has a place where it can be read. */
  labelX?: number;
  labelY?: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, PlacedNode>;
  edges: PlacedEdge[];
}

export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 184, nodeHeight: 46, columnGap: 128, rowGap: 18, margin: 16 };

/** Column of each node relative to the root's: ±1 for direct relations by edge direction, then one further out per hop. */
export function assignLayers(input: LayoutInput): Map<string, number> {
  const out = new Map<string, { to: string; step: number }[]>();
  const link = (a: string, b: string, step: number) => {
    const list = out.get(a) ?? [];
    list.push({ to: b, step });
    out.set(a, list);
  };
  for (const edge of input.edges) {
    if (edge.from === edge.to) continue;
    link(edge.from, edge.to, 1);
    link(edge.to, edge.from, -1);
  }
  const layers = new Map<string, number>([[input.rootId, 0]]);
  const queue = [input.rootId];
  // The root's outgoing edges first, so a node related both ways sits on the right.
  const sorted = (list: { to: string; step: number }[]) => [...list].sort((a, b) => b.step - a.step);
  while (queue.length) {
    const id = queue.shift()!;
    const layer = layers.get(id)!;
    for (const next of sorted(out.get(id) ?? [])) {
      if (layers.has(next.to)) continue;
      layers.set(next.to, layer === 0 ? next.step : layer + Math.sign(layer));
      queue.push(next.to);
    }
  }
  // Nothing should be unreachable, but a node that is goes next to the root rather than vanish.
  for (const node of input.nodes) if (!layers.has(node.id)) layers.set(node.id, 1);
  return layers;
}

function orderColumns(columns: string[][], neighbours: Map<string, Set<string>>, sweeps = 4): void {
  const position = new Map<string, number>();
  const remember = (column: string[]) => column.forEach((id, i) => position.set(id, i));
  columns.forEach(remember);
  const reorder = (column: string[], reference: string[]) => {
    const inReference = new Set(reference);
    const score = new Map<string, number>();
    column.forEach((id, i) => {
      const linked = [...(neighbours.get(id) ?? [])].filter((n) => inReference.has(n));
      // Nodes with no neighbour there keep their place.
      score.set(id, linked.length ? linked.reduce((s, n) => s + position.get(n)!, 0) / linked.length : i);
    });
    column.sort((a, b) => score.get(a)! - score.get(b)! || position.get(a)! - position.get(b)!);
    remember(column);
  };
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let i = 1; i < columns.length; i++) reorder(columns[i]!, columns[i - 1]!);
    for (let i = columns.length - 2; i >= 0; i--) reorder(columns[i]!, columns[i + 1]!);
  }
}

export function layoutGraph(input: LayoutInput, options: LayoutOptions = DEFAULT_LAYOUT): GraphLayout {
  const { nodeWidth: w, nodeHeight: h, columnGap, rowGap, margin } = options;
  const layers = assignLayers(input);
  const min = Math.min(...layers.values());
  const max = Math.max(...layers.values());
  const columns: string[][] = Array.from({ length: max - min + 1 }, () => []);
  // Input order (stable, usually sorted by ref) is the starting order within a column.
  for (const node of input.nodes) columns[layers.get(node.id)! - min]!.push(node.id);

  const neighbours = new Map<string, Set<string>>();
  for (const edge of input.edges) {
    if (!neighbours.has(edge.from)) neighbours.set(edge.from, new Set());
    if (!neighbours.has(edge.to)) neighbours.set(edge.to, new Set());
    neighbours.get(edge.from)!.add(edge.to);
    neighbours.get(edge.to)!.add(edge.from);
  }
  orderColumns(columns, neighbours);

  const tallest = Math.max(...columns.map((c) => c.length));
  const innerHeight = tallest * h + (tallest - 1) * rowGap;
  const nodes = new Map<string, PlacedNode>();
  columns.forEach((column, index) => {
    const columnHeight = column.length * h + (column.length - 1) * rowGap;
    const top = margin + (innerHeight - columnHeight) / 2;
    column.forEach((id, row) => {
      nodes.set(id, { id, x: margin + index * (w + columnGap), y: top + row * (h + rowGap), layer: index + min });
    });
  });

  const edges: PlacedEdge[] = [];
  const curves: { edge: PlacedEdge; points: [number, number][]; label?: string; nearRoot: boolean }[] = [];
  input.edges.forEach((edge, index) => {
    const a = nodes.get(edge.from);
    const b = nodes.get(edge.to);
    if (!a || !b || a === b) return;
    const ay = a.y + h / 2;
    const by = b.y + h / 2;
    let p0: [number, number];
    let p1: [number, number];
    let p2: [number, number];
    let p3: [number, number];
    if (a.x === b.x) {
      // Same column: a loop out to the side away from the root, wider the further apart the two are.
      const outward = a.layer >= 0;
      const side = outward ? w : 0;
      const bulge = (outward ? 1 : -1) * Math.min(columnGap * 0.8, 36 + Math.abs(by - ay) / 4);
      p0 = [a.x + side, ay];
      p3 = [b.x + side, by];
      p1 = [p0[0] + bulge, ay];
      p2 = [p3[0] + bulge, by];
    } else {
      const forward = b.x > a.x;
      p0 = [forward ? a.x + w : a.x, ay];
      p3 = [forward ? b.x : b.x + w, by];
      const dx = (p3[0] - p0[0]) / 2;
      p1 = [p0[0] + dx, ay];
      p2 = [p3[0] - dx, by];
    }
    const r = (n: number) => Math.round(n * 10) / 10;
    const long = Math.abs(a.layer - b.layer) > 1;
    const placed: PlacedEdge = {
      index,
      from: edge.from,
      to: edge.to,
      long,
      path: `M${r(p0[0])},${r(p0[1])} C${r(p1[0])},${r(p1[1])} ${r(p2[0])},${r(p2[1])} ${r(p3[0])},${r(p3[1])}`,
    };
    edges.push(placed);
    curves.push({
      edge: placed,
      points: [p0, p1, p2, p3],
      // A label somewhere along an edge that crosses other columns cannot be told apart from its neighbours'.
      ...(edge.label && !long ? { label: edge.label } : {}),
      nearRoot: edge.from === input.rootId || edge.to === input.rootId,
    });
  });

  // Labels: the entity's own edges first, then the rest, each at the first free spot along its curve.
  type Box = { x0: number; y0: number; x1: number; y1: number };
  const taken: Box[] = [...nodes.values()].map((n) => ({ x0: n.x - 2, y0: n.y - 2, x1: n.x + w + 2, y1: n.y + h + 2 }));
  const hits = (box: Box) => taken.some((t) => box.x0 < t.x1 && t.x0 < box.x1 && box.y0 < t.y1 && t.y0 < box.y1);
  const at = (pts: [number, number][], t: number): [number, number] => {
    const u = 1 - t;
    const c = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
    return [0, 1].map((k) => pts.reduce((sum, p, i) => sum + c[i]! * p[k]!, 0)) as [number, number];
  };
  const order = [...curves].sort((a, b) => Number(b.nearRoot) - Number(a.nearRoot));
  for (const curve of order) {
    if (!curve.label) continue;
    const halfW = curve.label.length * 3.3 + 4;
    const halfH = 8;
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]) {
      const [x, y] = at(curve.points, t);
      const box = { x0: x - halfW, y0: y - halfH, x1: x + halfW, y1: y + halfH };
      if (hits(box)) continue;
      taken.push(box);
      curve.edge.labelX = Math.round(x * 10) / 10;
      curve.edge.labelY = Math.round(y * 10) / 10;
      break;
    }
  }

  return {
    width: margin * 2 + columns.length * w + (columns.length - 1) * columnGap,
    height: margin * 2 + innerHeight,
    nodes,
    edges,
  };
}
