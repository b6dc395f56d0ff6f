import { DEFAULT_NAMESPACE, type Entity } from '@callboard/catalog-model';
import { FORWARD_RELATIONS, parseTargetRef } from '../relations.ts';

export interface GraphNode {
  /** The lowercased ref: relations spell kinds lowercase but keep the case of names. */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Hops from the entity the graph is drawn for. */
  depth: 0 | 1 | 2;
}

export interface GraphEdge {
  /** The edge runs the way the spec declares it: `from` ownedBy / dependsOn / providesApi… `to`. */
  from: string;
  to: string;
  type: string;
}

export interface RelationGraph {
  rootId: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Related entities left out to keep the drawing readable. */
  omitted: number;
}

export interface RelationGraphOptions {
  /** Forward relation types to draw (`ownedBy`, `partOf`…); all when undefined. */
  types?: ReadonlySet<string>;
  /** At most this many nodes, the entity and its direct relations first. */
  maxNodes?: number;
  /** At most this many two-hop nodes through any one neighbour, so one busy team does not swamp the rest. */
  maxPerNeighbour?: number;
}

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

function nodeFromRef(ref: string, depth: 0 | 1 | 2): GraphNode | undefined {
  const parsed = parseTargetRef(ref);
  if (!parsed) return undefined;
  return { id: key(ref), kind: parsed.kind, namespace: parsed.namespace, name: parsed.name, depth };
}

function refOf(entity: Entity): string {
  return `${entity.kind.toLocaleLowerCase('en-US')}:${entity.metadata.namespace ?? DEFAULT_NAMESPACE}/${entity.metadata.name}`;
}

/**
 * The entity, what it is directly related to, and what those are related to
 * (two hops). Neighbours are the fetched entities of the direct relations;
 * the two-hop nodes come from their relations, so they need no fetch.
 */
export function buildRelationGraph(root: Entity, neighbours: readonly Entity[], options: RelationGraphOptions = {}): RelationGraph {
  const maxNodes = options.maxNodes ?? 60;
  const maxPerNeighbour = options.maxPerNeighbour ?? 8;
  const include = (type: string) => {
    const forward = FORWARD_RELATIONS[type];
    return forward !== undefined && (!options.types || options.types.has(forward));
  };

  const rootId = key(refOf(root));
  const nodes = new Map<string, GraphNode>();
  nodes.set(rootId, {
    id: rootId,
    kind: root.kind,
    namespace: root.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: root.metadata.name,
    ...(root.metadata.title ? { title: root.metadata.title } : {}),
    depth: 0,
  });
  const edges = new Map<string, GraphEdge>();
  const omittedIds = new Set<string>();

  const addEdge = (source: string, type: string, target: string) => {
    const forward = FORWARD_RELATIONS[type]!;
    const [from, to] = type === forward ? [source, target] : [target, source];
    edges.set(`${from} ${forward} ${to}`, { from, to, type: forward });
  };

  const direct = [...new Set((root.relations ?? []).filter((r) => include(r.type)).map((r) => r.targetRef))].sort();
  for (const ref of direct) {
    const id = key(ref);
    if (id === rootId || nodes.has(id)) continue;
    if (nodes.size >= maxNodes) {
      omittedIds.add(id);
      continue;
    }
    const node = nodeFromRef(ref, 1);
    if (node) nodes.set(id, node);
  }
  for (const relation of root.relations ?? []) {
    if (include(relation.type) && nodes.has(key(relation.targetRef))) addEdge(rootId, relation.type, key(relation.targetRef));
  }

  const byId = new Map(neighbours.map((e) => [key(refOf(e)), e]));
  const directIds = [...nodes.values()].filter((n) => n.depth === 1).map((n) => n.id);
  for (const id of directIds) {
    const entity = byId.get(id);
    if (!entity) continue;
    const node = nodes.get(id)!;
    if (entity.metadata.title) node.title = entity.metadata.title;
    let added = 0;
    const relations = [...(entity.relations ?? [])].filter((r) => include(r.type)).sort((a, b) => a.targetRef.localeCompare(b.targetRef));
    for (const relation of relations) {
      const target = key(relation.targetRef);
      if (!nodes.has(target)) {
        if (nodes.size >= maxNodes || added >= maxPerNeighbour) {
          omittedIds.add(target);
          continue;
        }
        const hop = nodeFromRef(relation.targetRef, 2);
        if (!hop) continue;
        nodes.set(target, hop);
        added++;
      }
      addEdge(id, relation.type, target);
    }
  }
  for (const id of nodes.keys()) omittedIds.delete(id);

  return { rootId, nodes: [...nodes.values()], edges: [...edges.values()], omitted: omittedIds.size };
}
