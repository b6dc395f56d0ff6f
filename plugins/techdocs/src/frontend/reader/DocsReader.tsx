import { useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useNavigationType } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/EditOutlined';
import MenuIcon from '@mui/icons-material/Menu';
import RefreshIcon from '@mui/icons-material/Refresh';
import WarningIcon from '@mui/icons-material/WarningAmberOutlined';
import { isCallboardError, NotFoundError } from '@callboard/common';
import { EmptyState, ErrorPanel, LoadingState } from '@callboard/frontend-plugin-api';
import { useDocsPage, useDocsSite, useRefreshDocs, type EntityName } from '../techdocsApi.ts';
import { DocsNav } from './DocsNav.tsx';
import { DocsToc, useActiveHeading } from './DocsToc.tsx';
import { WarningsPanel } from './WarningsPanel.tsx';
import { inAppTarget, pageHref } from './pageHref.ts';
import { useMermaid } from './useMermaid.ts';
import './docsContent.css';

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function scrollToHeading(id: string, smooth: boolean): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  element.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
  return true;
}

/**
 * The docs reader: the site's navigation on the left, the page in the
 * middle, its table of contents on the right. Links between pages, heading
 * anchors and the table of contents go through the router, so Back and
 * Forward move between pages and headings as in any web page.
 */
export function DocsReader(props: { entity: EntityName; route: string; basePath: string }) {
  const { entity, route, basePath } = props;
  const site = useDocsSite(entity);
  const page = useDocsPage(entity, route, site.data?.version);
  const refresh = useRefreshDocs(entity);
  const navigate = useNavigate();
  const location = useLocation();
  const navigationType = useNavigationType();
  const contentRef = useRef<HTMLDivElement>(null);
  const [navOpen, setNavOpen] = useState(false);
  const [warningsOpen, setWarningsOpen] = useState(false);

  const data = page.data;
  const showing = data && data.route === route ? data : undefined;
  const toc = showing?.toc ?? [];
  const active = useActiveHeading(toc, showing ? `${showing.route}@${showing.renderedAt}` : '');
  useMermaid(contentRef, showing?.hasMermaid === true, showing?.html ?? '');

  // A deep link (or a link to a heading on another page) lands on its heading once the page is there.
  useEffect(() => {
    if (!showing || !location.hash) return;
    if (navigationType === 'POP' && window.history.state?.idx !== undefined && window.scrollY > 0) return;
    scrollToHeading(decodeURIComponent(location.hash.slice(1)), false);
  }, [showing, location.hash, navigationType]);

  const selectHeading = useCallback(
    (id: string) => {
      navigate({ hash: `#${encodeURIComponent(id)}` });
      scrollToHeading(id, true);
    },
    [navigate],
  );

  const onContentClick = (event: React.MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as HTMLElement).closest('a');
    if (!anchor) return;
    const target = inAppTarget(anchor, event);
    if (!target) return;
    event.preventDefault();
    if (target.startsWith('#')) selectHeading(decodeURIComponent(target.slice(1)));
    else navigate(target);
  };

  if (site.isPending) return <LoadingState label="Loading the docs…" />;
  if (site.isError) {
    // A 400 here is the docs' own fault (mkdocs.yml, docs_dir), not the reader's request.
    const sourceAtFault = isCallboardError(site.error) && site.error.status === 400;
    return (
      <ErrorPanel
        error={site.error}
        title="These docs cannot be shown"
        {...(sourceAtFault ? { hint: "Fix the docs' source in their repository, then Retry." } : {})}
        onRetry={() => void site.refetch()}
      />
    );
  }
  const siteData = site.data;
  const pageWarnings = showing?.warnings ?? [];
  const warningCount = siteData.warnings.length + pageWarnings.length;

  const nav = <DocsNav nav={siteData.nav} route={route} basePath={basePath} onNavigate={() => setNavOpen(false)} />;

  return (
    <Box
      sx={{
        display: 'grid',
        gap: { xs: 2, md: 3 },
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: '220px minmax(0, 1fr)', lg: '220px minmax(0, 1fr) 220px' },
        alignItems: 'start',
      }}
    >
      <Box component="aside" sx={{ position: { md: 'sticky' }, top: { md: 80 }, maxHeight: { md: 'calc(100vh - 96px)' }, overflowY: { md: 'auto' } }}>
        <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, px: 1, mb: 0.5, display: { xs: 'none', md: 'block' } }}>
          {siteData.siteName}
        </Typography>
        <Box sx={{ display: { xs: 'block', md: 'none' } }}>
          <Button startIcon={<MenuIcon />} onClick={() => setNavOpen(!navOpen)} aria-expanded={navOpen} variant="outlined" size="small" fullWidth>
            {siteData.siteName}: pages
          </Button>
          <Collapse in={navOpen}>{nav}</Collapse>
        </Box>
        <Box sx={{ display: { xs: 'none', md: 'block' } }}>{nav}</Box>
      </Box>

      <Box component="article" sx={{ minWidth: 0 }} aria-busy={page.isFetching}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 1, color: 'text.secondary' }}>
          {showing?.lastUpdated && <Typography variant="body2">Last updated {formatDate(showing.lastUpdated)}</Typography>}
          <Box sx={{ flex: 1 }} />
          {warningCount > 0 && (
            <Chip
              icon={<WarningIcon />}
              color="warning"
              variant="outlined"
              size="small"
              label={`${warningCount} build warning${warningCount === 1 ? '' : 's'}`}
              onClick={() => setWarningsOpen(!warningsOpen)}
              aria-expanded={warningsOpen}
            />
          )}
          <Button size="small" startIcon={<RefreshIcon />} onClick={() => refresh.mutate()} disabled={refresh.isPending}>
            {refresh.isPending ? 'Checking…' : 'Check for changes'}
          </Button>
          {showing?.editUrl && (
            <Button size="small" startIcon={<EditIcon />} href={showing.editUrl} target="_blank" rel="noopener noreferrer">
              Edit this page
            </Button>
          )}
        </Box>
        {refresh.error && <ErrorPanel error={refresh.error} title="Checking for changes failed" />}
        <Collapse in={warningsOpen} unmountOnExit>
          <WarningsPanel entity={entity} siteWarnings={siteData.warnings} pageWarnings={pageWarnings} />
        </Collapse>
        {page.isPending ? (
          <LoadingState label="Loading the page…" />
        ) : page.isError && !showing ? (
          page.error instanceof NotFoundError ? (
            <EmptyState
              title="This page does not exist"
              description={`${siteData.siteName} has no page at “${route}”. It may have been moved or renamed; the navigation lists the pages there are.`}
              action={
                <Button variant="outlined" component={RouterLink} to={pageHref(basePath, siteData.homeRoute)}>
                  Go to the first page
                </Button>
              }
            />
          ) : (
            <ErrorPanel error={page.error} title="This page cannot be shown" onRetry={() => void page.refetch()} />
          )
        ) : showing ? (
          <div
            ref={contentRef}
            className="cb-docs-content"
            onClick={onContentClick}
            // Sanitised on the server on an allow-list (sanitize-html); see sanitizeDocHtml.ts.
            dangerouslySetInnerHTML={{ __html: showing.html }}
          />
        ) : (
          <LoadingState label="Loading the page…" />
        )}
        {siteData.pageCount === 0 && (
          <Alert severity="info" sx={{ mt: 2 }}>
            The docs folder has no pages yet. Add an <code>index.md</code> beside <code>mkdocs.yml</code>’s docs folder.
          </Alert>
        )}
      </Box>

      <Box component="aside" sx={{ display: { xs: 'none', lg: 'block' }, position: 'sticky', top: 80, maxHeight: 'calc(100vh - 96px)', overflowY: 'auto' }}>
        {toc.length > 0 && <DocsToc toc={toc} active={active} onSelect={selectHeading} />}
        {toc.length > 0 && siteData.repoUrl && <Divider sx={{ my: 2 }} />}
        {siteData.repoUrl && (
          <Button size="small" href={siteData.repoUrl} target="_blank" rel="noopener noreferrer">
            Repository
          </Button>
        )}
      </Box>
    </Box>
  );
}
