import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { Theme } from '@mui/material/styles';
import { type Entity } from '@callboard/catalog-model';
import { EmptyState, ErrorPanel } from '@callboard/frontend-plugin-api';
import { useEntitiesByRefs } from '../catalogApi.ts';
import { entityRoute, entityTitle } from '../entityRoute.ts';
import { FORWARD_RELATIONS } from '../relations.ts';
import { buildRelationGraph, type GraphNode } from './relationGraph.ts';
import { DEFAULT_LAYOUT, layoutGraph, type LayoutOptions } from './layoutGraph.ts';

/** Relation families a reader can switch on and off, each a set of forward types. */
const FAMILIES = [
  { id: 'dependencies', label: 'Dependencies', types: ['dependsOn'] },
  { id: 'apis', label: 'APIs', types: ['providesApi', 'consumesApi'] },
  { id: 'parts', label: 'Parts', types: ['partOf'] },
  { id: 'ownership', label: 'Ownership', types: ['ownedBy'] },
  { id: 'hierarchy', label: 'Group hierarchy', types: ['childOf'] },
  { id: 'membership', label: 'Membership', types: ['memberOf'] },
] as const;

const EDGE_LABELS: Record<string, string> = {
  ownedBy: 'owned by',
  partOf: 'part of',
  dependsOn: 'depends on',
  providesApi: 'provides',
  consumesApi: 'consumes',
  childOf: 'child of',
  memberOf: 'member of',
};

/** Neighbours are fetched with only what the graph needs: their names and relations. */
const NEIGHBOUR_FIELDS = ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'relations'];
/** More direct relations than this are not fetched for the second hop; the drawing could not show them anyway. */
const MAX_NEIGHBOURS = 150;
/** Narrower boxes and gaps on phones, so the entity and its direct relations fit on one screen. */
const COMPACT_LAYOUT: LayoutOptions = { nodeWidth: 148, nodeHeight: 44, columnGap: 92, rowGap: 12, margin: 12 };

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function DependencyGraph(props: { entity: Entity }) {
  const { entity } = props;
  const headingId = useId();
  const markerId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

  const present = useMemo(() => {
    const types = new Set((entity.relations ?? []).map((r) => FORWARD_RELATIONS[r.type]).filter(Boolean));
    return FAMILIES.filter((f) => f.types.some((t) => types.has(t)));
  }, [entity]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const types = useMemo(
    () => new Set(present.filter((f) => !hidden.has(f.id)).flatMap((f) => [...f.types])),
    [present, hidden],
  );

  const neighbourRefs = useMemo(() => {
    const refs = [...new Set((entity.relations ?? []).map((r) => r.targetRef.toLowerCase()))].sort();
    return refs.slice(0, MAX_NEIGHBOURS);
  }, [entity]);
  const neighbours = useEntitiesByRefs(neighbourRefs, { fields: NEIGHBOUR_FIELDS });

  const graph = useMemo(
    () =>
      buildRelationGraph(
        entity,
        (neighbours.data ?? []).filter((e): e is Entity => e !== undefined),
        { types, maxNodes: 36, maxPerNeighbour: 4 },
      ),
    [entity, neighbours.data, types],
  );
  // Read once: the graph is redrawn when its data changes, not while a window is resized.
  const [compact] = useState(() => typeof window !== 'undefined' && window.matchMedia('(max-width: 599.95px)').matches);
  const options = compact ? COMPACT_LAYOUT : DEFAULT_LAYOUT;
  const layout = useMemo(
    () => layoutGraph({ ...graph, edges: graph.edges.map((e) => ({ ...e, label: EDGE_LABELS[e.type] ?? e.type })) }, options),
    [graph, options],
  );
  const { nodeWidth: w, nodeHeight: h } = options;
  const maxLabel = compact ? 17 : 22;
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);

  // Keep the entity in view (on a phone the drawing is wider than the screen) as the
  // drawing grows with the second hop, until the reader moves it themselves.
  const root = layout.nodes.get(graph.rootId);
  const readerMoved = useRef(false);
  useLayoutEffect(() => {
    readerMoved.current = false;
  }, [graph.rootId]);
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box || !root || readerMoved.current) return;
    box.scrollLeft = Math.max(0, root.x + w / 2 - box.clientWidth / 2);
    box.scrollTop = Math.max(0, root.y + h / 2 - box.clientHeight / 2);
  }, [root, w, h]);
  const onReaderMove = () => {
    readerMoved.current = true;
  };

  const title = entityTitle(entity);
  const relationCount = (entity.relations ?? []).length;

  return (
    <Card component="section" variant="outlined" aria-labelledby={headingId}>
      <Box sx={{ px: 2, pt: 2, pb: 1, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Typography id={headingId} component="h2" variant="h6" sx={{ flex: '1 1 auto' }}>
          Relations graph
        </Typography>
        {present.length > 1 && (
          <Box component="ul" aria-label="Relations to draw" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, listStyle: 'none', m: 0, p: 0 }}>
            {present.map((family) => {
              const on = !hidden.has(family.id);
              return (
                <li key={family.id}>
                  <Chip
                    size="small"
                    label={family.label}
                    color={on ? 'primary' : 'default'}
                    variant={on ? 'filled' : 'outlined'}
                    aria-pressed={on}
                    onClick={() => {
                      const next = new Set(hidden);
                      if (on) next.add(family.id);
                      else next.delete(family.id);
                      setHidden(next);
                    }}
                  />
                </li>
              );
            })}
          </Box>
        )}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 1 }}>
        {title}, what it is directly related to, and their relations in turn. Arrows point the way the relation is declared (owned by, depends on,
        provides…). Select a box to open that entity.
        {graph.omitted > 0 && ` ${graph.omitted.toLocaleString('en-US')} more related entities are not drawn; switch off a relation above to see others.`}
      </Typography>
      {neighbours.isError && (
        <Box sx={{ px: 2 }}>
          <ErrorPanel
            error={neighbours.error}
            title="Could not load the second hop; showing direct relations only"
            onRetry={() => void neighbours.refetch()}
          />
        </Box>
      )}
      {relationCount === 0 ? (
        <EmptyState title="No relations to draw" description={`${title} has no owner, system, dependencies or APIs in the catalog yet.`} />
      ) : (
        <Box
          ref={scrollRef}
          onWheel={onReaderMove}
          onPointerDown={onReaderMove}
          onKeyDown={onReaderMove}
          sx={{
            overflow: 'auto',
            maxHeight: { xs: '60vh', sm: '70vh' },
            borderTop: 1,
            borderColor: 'divider',
            bgcolor: 'background.default',
            opacity: neighbours.isFetching ? 0.7 : 1,
          }}
        >
          <Box
            component="svg"
            role="group"
            aria-label={`Relations graph of ${title}`}
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            sx={graphStyles}
          >
            <defs>
              <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path className="arrow" d="M0,0 L10,5 L0,10 z" />
              </marker>
            </defs>
            <g>
              {layout.edges.map((edge) => {
                const type = graph.edges[edge.index]?.type ?? '';
                const from = nodesById.get(edge.from)?.name ?? edge.from;
                const to = nodesById.get(edge.to)?.name ?? edge.to;
                return (
                  <g key={`${edge.from} ${type} ${edge.to}`}>
                    <title>{`${from} ${EDGE_LABELS[type] ?? type} ${to}`}</title>
                    <path className={edge.long ? 'edge long' : 'edge'} d={edge.path} markerEnd={`url(#${CSS.escape(markerId)})`} />
                    {/* A wide transparent twin makes the thin edge easy to hover for its tooltip. */}
                    <path className="edge-hit" d={edge.path} />
                  </g>
                );
              })}
            </g>
            <g aria-hidden>
              {layout.edges.map((edge) => {
                if (edge.labelX === undefined || edge.labelY === undefined) return null;
                const type = graph.edges[edge.index]?.type ?? '';
                return (
                  <text key={`${edge.from} ${type} ${edge.to}`} className="edge-label" x={edge.labelX} y={edge.labelY} dy="0.35em" textAnchor="middle">
                    {EDGE_LABELS[type] ?? type}
                  </text>
                );
              })}
            </g>
            {[...layout.nodes.values()].map((placed) => {
              const node = nodesById.get(placed.id);
              if (!node) return null;
              return (
                <GraphNodeLink
                  key={node.id}
                  node={node}
                  x={placed.x}
                  y={placed.y}
                  width={w}
                  height={h}
                  isRoot={node.id === graph.rootId}
                  maxLabel={maxLabel}
                />
              );
            })}
          </Box>
        </Box>
      )}
    </Card>
  );
}

function GraphNodeLink(props: { node: GraphNode; x: number; y: number; width: number; height: number; isRoot: boolean; maxLabel: number }) {
  const { node, x, y, width, height, isRoot, maxLabel } = props;
  const kind = node.kind.toLowerCase();
  const classes = [`kind-${Object.hasOwn(KIND_COLORS, kind) ? kind : 'other'}`, isRoot ? 'root' : '', node.depth === 2 ? 'far' : '']
    .filter(Boolean)
    .join(' ');
  // The name, not the title: two-hop nodes only have their ref, and every box should read alike.
  const box = (
    <g className={classes}>
      <title>{`${node.kind}:${node.namespace}/${node.name}${node.title ? ` (${node.title})` : ''}`}</title>
      <rect className="node" x={x} y={y} width={width} height={height} rx={8} />
      <rect className="accent" x={x} y={y + 8} width={4} height={height - 16} rx={2} />
      <text className="node-title" x={x + 14} y={y + 19}>
        {truncate(node.name, maxLabel)}
      </text>
      <text className="node-kind" x={x + 14} y={y + 35}>
        {truncate(node.namespace === 'default' ? kind : `${kind} · ${node.namespace}`, maxLabel + 4)}
      </text>
    </g>
  );
  // The entity itself is not a link to the page already open.
  if (isRoot) return <g aria-label={node.name}>{box}</g>;
  return (
    <RouterLink to={entityRoute({ kind: node.kind, namespace: node.namespace, name: node.name })} aria-label={node.name}>
      {box}
    </RouterLink>
  );
}

type Palette = Theme['palette'];

/** Each kind's colour, read from the theme so the drawing follows light and dark. */
const KIND_COLORS: Record<string, (palette: Palette) => string> = {
  component: (p) => p.primary.main,
  api: (p) => p.success.main,
  resource: (p) => p.warning.main,
  system: (p) => p.secondary.main,
  domain: (p) => p.secondary.main,
  group: (p) => p.info.main,
  user: (p) => p.info.main,
  other: (p) => p.text.secondary,
};

/*
 * The theme's colours are CSS variables (light and dark switch by class),
 * and SVG presentation attributes cannot read CSS variables: every colour
 * is set from CSS here instead.
 */
function graphStyles(theme: Theme) {
  const p = (theme.vars ?? theme).palette as Palette;
  const kinds = Object.fromEntries(
    Object.entries(KIND_COLORS).flatMap(([kind, color]) => [
      [`& .kind-${kind} .node`, { stroke: color(p) }],
      [`& .kind-${kind} .accent`, { fill: color(p) }],
      [`& .kind-${kind}.root .node`, { fill: color(p) }],
    ]),
  );
  return {
    display: 'block',
    mx: 'auto',
    fontFamily: theme.typography.fontFamily,
    '& .edge': { fill: 'none', stroke: p.text.disabled, strokeWidth: 1.25 },
    '& .edge.long': { opacity: 0.45 },
    '& .edge-hit': { fill: 'none', stroke: 'transparent', strokeWidth: 10 },
    '& .arrow': { fill: p.text.secondary },
    '& .edge-label': {
      fontSize: 11,
      fill: p.text.secondary,
      stroke: p.background.default,
      strokeWidth: 4,
      paintOrder: 'stroke',
      strokeLinejoin: 'round',
      pointerEvents: 'none',
    },
    '& .node': { fill: p.background.paper, strokeWidth: 1.5 },
    '& .far .node': { strokeDasharray: '4 3' },
    '& .root .node': { strokeWidth: 2 },
    '& .root .accent': { fill: p.background.paper },
    '& .node-title': { fontSize: 13, fontWeight: 600, fill: p.text.primary },
    '& .node-kind': { fontSize: 11, fill: p.text.secondary },
    '& .root .node-title, & .root .node-kind': { fill: p.background.paper },
    '& a:focus': { outline: 'none' },
    '& a:focus-visible .node': { strokeWidth: 3.5 },
    '& a:hover .node': { strokeWidth: 2.5 },
    ...kinds,
  };
}
