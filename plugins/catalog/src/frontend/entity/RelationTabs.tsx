import { lazy, Suspense, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { stringifyEntityRef, type Entity } from '@callboard/catalog-model';
import { ErrorPanel, LoadingState } from '@callboard/frontend-plugin-api';
import { catalogApi, catalogQueryKeys } from '../catalogApi.ts';
import { entityTitle } from '../entityRoute.ts';
import { relationRefs } from '../relations.ts';
import { RelatedEntitiesTable, type RelatedColumn } from './RelatedEntitiesTable.tsx';

/*
 * The entity page's built-in tabs that list related entities. Each table
 * asks the server for one relation of this entity (`relations.<type>=<ref>`),
 * so a team owning 500 components pages through them instead of loading all.
 */

const DependencyGraph = lazy(() => import('../graph/DependencyGraph.tsx').then((m) => ({ default: m.DependencyGraph })));

const API_COLUMNS: RelatedColumn[] = ['name', 'type', 'lifecycle', 'owner', 'description'];
const SOFTWARE_COLUMNS: RelatedColumn[] = ['name', 'kind', 'type', 'lifecycle', 'owner', 'description'];

function name(entity: Entity): string {
  return entityTitle(entity);
}

export function ApiTab(props: { entity: Entity }) {
  const { entity } = props;
  const ref = stringifyEntityRef(entity);
  if (entity.kind.toLowerCase() === 'api') {
    return (
      <Stack spacing={2}>
        <RelatedEntitiesTable
          title="Providers"
          filter={`relations.providesApi=${ref}`}
          columns={SOFTWARE_COLUMNS}
          emptyText={`No component provides ${name(entity)}. A component lists it under spec.providesApis.`}
        />
        <RelatedEntitiesTable
          title="Consumers"
          filter={`relations.consumesApi=${ref}`}
          columns={SOFTWARE_COLUMNS}
          emptyText={`No component consumes ${name(entity)}. A component lists it under spec.consumesApis.`}
        />
      </Stack>
    );
  }
  return (
    <Stack spacing={2}>
      <RelatedEntitiesTable
        title="Provided APIs"
        filter={`relations.apiProvidedBy=${ref}`}
        columns={API_COLUMNS}
        expectedRefs={relationRefs(entity, 'providesApi')}
        emptyText={`${name(entity)} provides no APIs. List them under spec.providesApis in its catalog-info.yaml.`}
      />
      <RelatedEntitiesTable
        title="Consumed APIs"
        filter={`relations.apiConsumedBy=${ref}`}
        columns={API_COLUMNS}
        expectedRefs={relationRefs(entity, 'consumesApi')}
        emptyText={`${name(entity)} consumes no APIs. List them under spec.consumesApis in its catalog-info.yaml.`}
      />
    </Stack>
  );
}

/** The graph on top, then the two directions of `dependsOn` as tables. */
export function DependenciesTab(props: { entity: Entity }) {
  const { entity } = props;
  const ref = stringifyEntityRef(entity);
  const kind = entity.kind.toLowerCase();
  const hasDependencyTables = kind === 'component' || kind === 'resource';
  return (
    <Stack spacing={2}>
      <Suspense fallback={<LoadingState label="Loading the graph…" />}>
        <DependencyGraph entity={entity} />
      </Suspense>
      {hasDependencyTables && (
        <>
          <RelatedEntitiesTable
            title="Depends on"
            filter={`relations.dependencyOf=${ref}`}
            columns={SOFTWARE_COLUMNS}
            expectedRefs={relationRefs(entity, 'dependsOn')}
            emptyText={`${name(entity)} depends on nothing in the catalog. List its components and resources under spec.dependsOn.`}
          />
          <RelatedEntitiesTable
            title="Dependents"
            filter={`relations.dependsOn=${ref}`}
            columns={SOFTWARE_COLUMNS}
            emptyText={`Nothing in the catalog depends on ${name(entity)}.`}
          />
        </>
      )}
    </Stack>
  );
}

/** Subcomponents of a component, or what a system or domain is made of. */
export function PartsTab(props: { entity: Entity }) {
  const { entity } = props;
  const kind = entity.kind.toLowerCase();
  const ref = stringifyEntityRef(entity);
  const title = kind === 'component' ? 'Subcomponents' : kind === 'domain' ? 'Systems' : 'Components, APIs and resources';
  return (
    <RelatedEntitiesTable
      title={title}
      filter={`relations.partOf=${ref}`}
      columns={SOFTWARE_COLUMNS}
      emptyText={
        kind === 'component'
          ? `${name(entity)} has no subcomponents. A component names its parent in spec.subcomponentOf.`
          : `Nothing is part of ${name(entity)} yet. Entities name it in spec.${kind === 'domain' ? 'domain' : 'system'}.`
      }
    />
  );
}

export function MembersTab(props: { entity: Entity }) {
  const { entity } = props;
  const ref = stringifyEntityRef(entity);
  return (
    <Stack spacing={2}>
      <RelatedEntitiesTable
        title="Members"
        filter={`kind=user,relations.memberOf=${ref}`}
        columns={['name', 'email']}
        extraFields={['spec.profile.email']}
        emptyText={`${name(entity)} has no members. Users list it under spec.memberOf, or the group lists them under spec.members.`}
      />
      <RelatedEntitiesTable
        title="Child groups"
        filter={`kind=group,relations.childOf=${ref}`}
        columns={['name', 'type', 'description']}
        emptyText={`${name(entity)} has no child groups.`}
      />
    </Stack>
  );
}

/**
 * What a group or user owns, with its kinds as chips to narrow the list.
 * A user can include what their groups own, which is usually what
 * "mine" means.
 */
export function OwnershipTab(props: { entity: Entity }) {
  const { entity } = props;
  const isUser = entity.kind.toLowerCase() === 'user';
  const groups = isUser ? relationRefs(entity, 'memberOf') : [];
  const [withGroups, setWithGroups] = useState(false);
  const [kind, setKind] = useState<string | undefined>(undefined);
  const owners = [stringifyEntityRef(entity), ...(withGroups ? groups : [])];
  // Several values of one key inside one filter mean "any of" on the server.
  const ownerFilter = owners.map((owner) => `relations.ownedBy=${owner}`).join(',');
  const kinds = useQuery({
    queryKey: catalogQueryKeys.facets(['kind'], ownerFilter),
    queryFn: ({ signal }) => catalogApi.getEntityFacets({ query: { facet: ['kind'], filter: [ownerFilter] } }, { signal }),
  });
  const kindValues = kinds.data?.facets['kind'] ?? [];
  const filter = kind ? `${ownerFilter},kind=${kind}` : ownerFilter;

  return (
    <Stack spacing={2}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        {isUser && groups.length > 0 && (
          <>
            <Button size="small" variant={withGroups ? 'outlined' : 'contained'} aria-pressed={!withGroups} onClick={() => setWithGroups(false)}>
              Directly
            </Button>
            <Button size="small" variant={withGroups ? 'contained' : 'outlined'} aria-pressed={withGroups} onClick={() => setWithGroups(true)}>
              With their groups ({groups.length})
            </Button>
            <Box sx={{ width: 16 }} />
          </>
        )}
        {kinds.isError ? (
          <ErrorPanel error={kinds.error} title="Could not count what is owned" onRetry={() => void kinds.refetch()} />
        ) : (
          kindValues.length > 1 && (
            <Box component="ul" aria-label="Kinds owned" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, listStyle: 'none', m: 0, p: 0 }}>
              <li>
                <Chip label="All" color={kind ? 'default' : 'primary'} variant={kind ? 'outlined' : 'filled'} onClick={() => setKind(undefined)} aria-pressed={!kind} />
              </li>
              {kindValues.map((value) => (
                <li key={value.value}>
                  <Chip
                    label={`${value.value} (${value.count})`}
                    color={kind === value.value ? 'primary' : 'default'}
                    variant={kind === value.value ? 'filled' : 'outlined'}
                    onClick={() => setKind(kind === value.value ? undefined : value.value)}
                    aria-pressed={kind === value.value}
                  />
                </li>
              ))}
            </Box>
          )
        )}
      </Box>
      <RelatedEntitiesTable
        key={filter}
        title={isUser ? (withGroups ? 'Owned by them or their groups' : 'Owned by them') : 'Owned by this group'}
        filter={filter}
        // The owner column only tells rows apart when several owners are listed.
        columns={withGroups ? SOFTWARE_COLUMNS : SOFTWARE_COLUMNS.filter((c) => c !== 'owner')}
        emptyText={
          <>
            {name(entity)} owns nothing{kind ? ` of kind ${kind}` : ''}
            {withGroups ? ', and neither do their groups' : ''}. Entities name their owner in spec.owner
            {isUser ? ', usually a group' : ''}.
          </>
        }
      />
    </Stack>
  );
}
