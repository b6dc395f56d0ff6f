import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Link as RouterLink, Route, Routes, useParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
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
} from '@callboard/frontend-plugin-api';
import { useCatalogEntity } from './catalogApi.ts';
import { entityRoute, entityTitle, specString } from './entityRoute.ts';
import { hasRelation } from './relations.ts';
import { starKey, useStarredEntities } from './starredEntities.ts';
import { AboutCard } from './components/AboutCard.tsx';
import { StarButton } from './components/StarButton.tsx';
import { ProcessingBanner } from './entity/ProcessingBanner.tsx';
import { RelationsCard } from './entity/RelationsCard.tsx';
import { ApiTab, DependenciesTab, MembersTab, OwnershipTab, PartsTab } from './entity/RelationTabs.tsx';

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

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

const YamlTab = lazy(() => import('./entity/YamlTab.tsx').then((m) => ({ default: m.YamlTab })));

/** One tab of the page: the catalog's own or a plugin's, with what it renders. */
interface PageTab {
  key: string;
  title: string;
  path: string;
  element: ReactNode;
}

/** The catalog's own tabs for this kind; empty ones are left out where the entity shows they would be empty. */
function builtInTabs(entity: Entity): { before: PageTab[]; after: PageTab[] } {
  const kind = entity.kind.toLowerCase();
  const before: PageTab[] = [];
  const tab = (key: string, title: string, element: ReactNode): PageTab => ({ key: `catalog:${key}`, title, path: key, element });
  if (kind === 'group') {
    before.push(tab('members', 'Members', <MembersTab entity={entity} />));
    before.push(tab('ownership', 'Ownership', <OwnershipTab entity={entity} />));
  }
  if (kind === 'user') before.push(tab('ownership', 'Ownership', <OwnershipTab entity={entity} />));
  if (['component', 'api', 'resource', 'system', 'domain'].includes(kind)) {
    before.push(tab('dependencies', 'Dependencies', <DependenciesTab entity={entity} />));
  }
  if (kind === 'component' || kind === 'api') before.push(tab('api', 'API', <ApiTab entity={entity} />));
  if (kind === 'component' && hasRelation(entity, 'hasPart')) before.push(tab('subcomponents', 'Subcomponents', <PartsTab entity={entity} />));
  if (kind === 'system') before.push(tab('contents', 'Contents', <PartsTab entity={entity} />));
  if (kind === 'domain') before.push(tab('systems', 'Systems', <PartsTab entity={entity} />));
  const after = [
    tab(
      'yaml',
      'YAML',
      <Suspense fallback={<LoadingState label="Loading YAML…" />}>
        <YamlTab entity={entity} />
      </Suspense>,
    ),
  ];
  return { before, after };
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
  const starred = useStarredEntities();
  const starKeyOf = starKey(entity);

  const contributed = useExtensions(entityTabsExtensionPoint);
  const tabs = useMemo(() => {
    const own = builtInTabs(entity);
    const taken = new Set([...own.before, ...own.after].map((t) => t.path));
    const fromPlugins: PageTab[] = [];
    for (const item of contributed) {
      const path = trimSlashes(item.data.path);
      if (path === '' || !accepts(item, entity)) continue;
      if (taken.has(path)) {
        console.error(`Plugin '${item.pluginId}' adds an entity tab at '${path}', which is taken; its tab is left out. Give it another path.`);
        continue;
      }
      taken.add(path);
      const Content = item.data.component;
      const key = `${item.pluginId}:${item.data.id}`;
      fromPlugins.push({
        key,
        title: item.data.title,
        path,
        element: (
          <PluginErrorBoundary key={`${base}:${key}`} pluginId={item.pluginId}>
            <Content />
          </PluginErrorBoundary>
        ),
      });
    }
    return [...own.before, ...fromPlugins, ...own.after];
  }, [contributed, entity, base]);

  const subPath = trimSlashes(props.subPath);
  const currentTab = subPath === '' ? OVERVIEW : tabs.find((tab) => subPath === tab.path || subPath.startsWith(`${tab.path}/`));
  const currentValue = currentTab === OVERVIEW ? OVERVIEW : currentTab ? currentTab.key : false;

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
      actions={<StarButton name={entity.metadata.name} starred={starred.isStarred(starKeyOf)} onToggle={() => starred.toggle(starKeyOf)} />}
    >
      <title>{`${title} · Callboard`}</title>
      <ProcessingBanner entity={entity} />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
        <Tabs value={currentValue} aria-label={`${title} sections`} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile>
          <Tab label="Overview" value={OVERVIEW} component={RouterLink} to={base} />
          {tabs.map((tab) => (
            <Tab key={tab.key} label={tab.title} value={tab.key} component={RouterLink} to={`${base}/${tab.path}`} />
          ))}
        </Tabs>
      </Box>
      <Routes>
        <Route index element={<EntityOverview entity={entity} />} />
        {tabs.map((tab) => (
          <Route key={tab.key} path={`${tab.path}/*`} element={tab.element} />
        ))}
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
      <Grid size={{ xs: 12, md: 6 }}>
        <AboutCard entity={props.entity} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <RelationsCard entity={props.entity} />
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
