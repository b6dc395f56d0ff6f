import { describe, expect, it } from 'vitest';
import type { Entity } from '@callboard/catalog-model';
import { buildRelationGraph } from './relationGraph.ts';

const entity = (ref: string, relations: [string, string][]): Entity => {
  const [kind, rest] = ref.split(':') as [string, string];
  const [namespace, name] = rest.split('/') as [string, string];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
};

const tracker = entity('component:default/parcel-tracker', [
  ['ownedBy', 'group:default/team-parcel'],
  ['dependsOn', 'resource:default/parcels-db'],
  ['providesApi', 'api:default/tracking-api'],
  ['dependencyOf', 'component:default/web'],
]);
const team = entity('group:default/team-parcel', [
  ['ownerOf', 'component:default/parcel-tracker'],
  ['ownerOf', 'component:default/scan-ingestor'],
  ['childOf', 'group:default/logistics'],
]);
const api = entity('api:default/tracking-api', [
  ['apiProvidedBy', 'component:default/parcel-tracker'],
  ['apiConsumedBy', 'component:default/web'],
]);

describe('the relation graph around an entity', () => {
  it('draws the direct relations and the second hop, each edge once and in its declared direction', () => {
    const graph = buildRelationGraph(tracker, [team, api]);
    expect(graph.rootId).toBe('component:default/parcel-tracker');
    expect(graph.nodes.map((n) => [n.id, n.depth])).toEqual([
      ['component:default/parcel-tracker', 0],
      ['api:default/tracking-api', 1],
      ['component:default/web', 1],
      ['group:default/team-parcel', 1],
      ['resource:default/parcels-db', 1],
      ['component:default/scan-ingestor', 2],
      ['group:default/logistics', 2],
    ]);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: 'component:default/parcel-tracker', to: 'group:default/team-parcel', type: 'ownedBy' },
        { from: 'component:default/web', to: 'component:default/parcel-tracker', type: 'dependsOn' },
        { from: 'component:default/scan-ingestor', to: 'group:default/team-parcel', type: 'ownedBy' },
        { from: 'group:default/team-parcel', to: 'group:default/logistics', type: 'childOf' },
        { from: 'component:default/web', to: 'api:default/tracking-api', type: 'consumesApi' },
      ]),
    );
    // ownedBy seen from both ends, providesApi from both ends: still one edge each.
    expect(graph.edges.filter((e) => e.type === 'ownedBy' && e.from === 'component:default/parcel-tracker')).toHaveLength(1);
    expect(graph.edges.filter((e) => e.type === 'providesApi')).toHaveLength(1);
    expect(graph.edges).toHaveLength(7);
    expect(graph.omitted).toBe(0);
  });

  it('draws only the chosen relation families', () => {
    const graph = buildRelationGraph(tracker, [team, api], { types: new Set(['ownedBy']) });
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      'component:default/parcel-tracker',
      'component:default/scan-ingestor',
      'group:default/team-parcel',
    ]);
  });

  it('caps the drawing and says how many it left out', () => {
    const busy = entity(
      'group:default/platform',
      Array.from({ length: 30 }, (_, i) => ['ownerOf', `component:default/c${String(i).padStart(2, '0')}`] as [string, string]),
    );
    const graph = buildRelationGraph(busy, [], { maxNodes: 11 });
    expect(graph.nodes).toHaveLength(11);
    expect(graph.omitted).toBe(20);
  });

  it('limits the second hop through one busy neighbour', () => {
    const bigTeam = entity(
      'group:default/team-parcel',
      Array.from({ length: 20 }, (_, i) => ['ownerOf', `component:default/c${i}`] as [string, string]),
    );
    const graph = buildRelationGraph(tracker, [bigTeam], { maxPerNeighbour: 3 });
    expect(graph.nodes.filter((n) => n.depth === 2)).toHaveLength(3);
    expect(graph.omitted).toBe(17);
  });
});
