import { useMemo } from 'react';
import { Link as RouterLink, Route, Routes, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { humanizeEntityRef, DEFAULT_NAMESPACE, type Entity } from '@callboard/catalog-model';
import { NotFoundError } from '@callboard/common';
import {
  EmptyState,
  EntityProvider,
  entityCardsExtensionPoint,
  entityTabsExtensionPoint,
  ErrorPanel,
  LoadingState,
  PageLayout,
  PluginErrorBoundary,
  useExtensions,
  type ContributedItem,
  type EntityCardData,
  type EntityTabData,
} from '@callboard/frontend-plugin-api';
import { useCatalogEntity } from './catalogApi.ts';
import { entityRoute, entityTitle, specString } from './entityRoute.ts';
import { AboutCard } from './components/AboutCard.tsx';

const OVERVIEW = 'overview';

export function EntityPage() {
  const params = useParams();
  // The route declares all three, so react-router always provides them here.
  const namespace = params['namespace'] ?? DEFAULT_NAMESPACE;
  const kind = params['kind'] ?? '';
  const name = params['name'] ?? '';
  const entityQuery = useCatalogEntity(kind, namespace, name);

  if (entityQuery.isPending) {
    return (
      <PageLayout title={name}>
        <title>{`${name} · Callboard`}</title>
        <LoadingState label={`Loading ${kind} ${namespace}/${name}…`} />
      </PageLayout>
    );
  }

  if (entityQuery.isError) {
    if (entityQuery.error instanceof NotFoundError) {
      return (
        <PageLayout title="Entity not found">
          <title>Not found · Callboard</title>
          <EmptyState
            title={`No ${kind} named ${namespace}/${name} in the catalog`}
            description="It may have been renamed or removed, or the location that defines it has not been read yet."
            action={
              <Button variant="contained" component={RouterLink} to="/catalog">
                Back to the catalog
              </Button>
            }
          />
        </PageLayout>
      );
    }
    return (
      <PageLayout title={name}>
        <title>{`${name} · Callboard`}</title>
        <ErrorPanel
          error={entityQuery.error}
          title={`Could not load ${kind} ${namespace}/${name}`}
          onRetry={() => void entityQuery.refetch()}
        />
      </PageLayout>
    );
  }

  return (
    <EntityProvider entity={entityQuery.data}>
      <EntityView entity={entityQuery.data} subPath={params['*'] ?? ''} />
    </EntityProvider>
  );
}

/** Plugins' predicates run on user data; one that throws hides its tab instead of the page. */
function accepts(item: ContributedItem<{ predicate?: (entity: Entity) => boolean }>, entity: Entity): boolean {
  try {
    return item.data.predicate ? item.data.predicate(entity) : true;
  } catch (error) {
    console.error(`Plugin '${item.pluginId}' failed to decide whether to show its entity extension`, error);
    return false;
  }
}

/** Tab ids are unique per plugin only; MUI Tabs misbehaves on duplicate values. */
function tabKey(tab: ContributedItem<EntityTabData>): string {
  return `${tab.pluginId}:${tab.data.id}`;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function EntityView(props: { entity: Entity; subPath: string }) {
  const { entity } = props;
  const base = entityRoute(entity);
  const title = entityTitle(entity);
  const ref = humanizeEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  });
  const type = specString(entity, 'type');

  const allTabs = useExtensions(entityTabsExtensionPoint);
  const tabs = useMemo(
    () => allTabs.filter((tab) => trimSlashes(tab.data.path) !== '' && accepts(tab, entity)),
    [allTabs, entity],
  );

  const subPath = trimSlashes(props.subPath);
  const currentTab =
    subPath === ''
      ? OVERVIEW
      : (tabs.find((tab) => {
          const path = trimSlashes(tab.data.path);
          return subPath === path || subPath.startsWith(`${path}/`);
        }) ?? undefined);
  const currentValue = currentTab === OVERVIEW ? OVERVIEW : currentTab ? tabKey(currentTab) : false;

  const problems = (entity.status?.items ?? []).filter((item) => item.level === 'error' || item.level === 'warning');

  return (
    <PageLayout
      title={title}
      subtitle={
        <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
          <span>{ref}</span>
          <Chip component="span" size="small" color="primary" variant="outlined" label={entity.kind} />
          {type && <Chip component="span" size="small" variant="outlined" label={type} />}
        </Box>
      }
    >
      <title>{`${title} · Callboard`}</title>
      {problems.length > 0 && (
        <Stack spacing={1} sx={{ mb: 2 }}>
          {problems.map((problem, index) => (
            <Alert key={index} severity={problem.level}>
              {problem.message}
            </Alert>
          ))}
        </Stack>
      )}
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
        <Tabs value={currentValue} aria-label={`${title} sections`} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile>
          <Tab label="Overview" value={OVERVIEW} component={RouterLink} to={base} />
          {tabs.map((tab) => (
            <Tab
              key={tabKey(tab)}
              label={tab.data.title}
              value={tabKey(tab)}
              component={RouterLink}
              to={`${base}/${trimSlashes(tab.data.path)}`}
            />
          ))}
        </Tabs>
      </Box>
      <Routes>
        <Route index element={<EntityOverview entity={entity} />} />
        {tabs.map((tab) => {
          const Content = tab.data.component;
          return (
            <Route
              key={tabKey(tab)}
              path={`${trimSlashes(tab.data.path)}/*`}
              element={
                <PluginErrorBoundary key={`${base}:${tabKey(tab)}`} pluginId={tab.pluginId}>
                  <Content />
                </PluginErrorBoundary>
              }
            />
          );
        })}
        <Route path="*" element={<TabNotFound subPath={subPath} base={base} title={title} />} />
      </Routes>
    </PageLayout>
  );
}

function EntityOverview(props: { entity: Entity }) {
  const allCards = useExtensions(entityCardsExtensionPoint);
  const cards = useMemo(() => allCards.filter((card) => accepts(card, props.entity)), [allCards, props.entity]);
  const base = entityRoute(props.entity);
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: cards.length > 0 ? 6 : 12 }}>
        <AboutCard entity={props.entity} />
      </Grid>
      {cards.map((card) => (
        <EntityCardSlot key={`${card.pluginId}:${card.data.id}`} card={card} resetKey={base} />
      ))}
    </Grid>
  );
}

function EntityCardSlot(props: { card: ContributedItem<EntityCardData>; resetKey: string }) {
  const Content = props.card.data.component;
  return (
    <Grid size={{ xs: 12, md: props.card.data.width ?? 6 }}>
      <PluginErrorBoundary key={props.resetKey} pluginId={props.card.pluginId} compact>
        <Content />
      </PluginErrorBoundary>
    </Grid>
  );
}

function TabNotFound(props: { subPath: string; base: string; title: string }) {
  return (
    <EmptyState
      title="This tab does not exist"
      description={`${props.title} has no tab at “${props.subPath}”. The plugin that provided it may have been removed, or it does not apply to this entity.`}
      action={
        <Button variant="outlined" component={RouterLink} to={props.base}>
          Go to the overview
        </Button>
      }
    />
  );
}
