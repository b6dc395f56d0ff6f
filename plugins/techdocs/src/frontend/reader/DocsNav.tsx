import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Collapse from '@mui/material/Collapse';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import type { NavItem } from '../../common/docsSchemas.ts';
import { pageHref } from './pageHref.ts';

function containsRoute(item: NavItem, route: string): boolean {
  if (item.type === 'page') return item.route === route;
  if (item.type === 'section') return item.children.some((child) => containsRoute(child, route));
  return false;
}

function Section(props: { item: Extract<NavItem, { type: 'section' }>; depth: number; route: string; basePath: string; onNavigate?: () => void }) {
  const [open, setOpen] = useState(true);
  const active = containsRoute(props.item, props.route);
  return (
    <>
      <ListItemButton onClick={() => setOpen(!open)} sx={{ pl: 1 + props.depth * 1.5, py: 0.25 }} aria-expanded={open}>
        <ListItemText
          primary={props.item.title}
          slotProps={{ primary: { variant: 'body2', sx: { fontWeight: 600, color: active ? 'primary.main' : 'text.primary' } } }}
        />
        {open ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
      </ListItemButton>
      <Collapse in={open} timeout="auto" unmountOnExit>
        <NavList items={props.item.children} depth={props.depth + 1} route={props.route} basePath={props.basePath} {...(props.onNavigate ? { onNavigate: props.onNavigate } : {})} />
      </Collapse>
    </>
  );
}

function NavList(props: { items: NavItem[]; depth: number; route: string; basePath: string; onNavigate?: () => void }) {
  return (
    <List dense disablePadding>
      {props.items.map((item, i) => {
        const key = `${i}:${item.title}`;
        if (item.type === 'section') {
          return <Section key={key} item={item} depth={props.depth} route={props.route} basePath={props.basePath} {...(props.onNavigate ? { onNavigate: props.onNavigate } : {})} />;
        }
        if (item.type === 'link') {
          return (
            <ListItemButton key={key} component="a" href={item.url} target="_blank" rel="noopener noreferrer" sx={{ pl: 1 + props.depth * 1.5, py: 0.25 }}>
              <ListItemText primary={item.title} slotProps={{ primary: { variant: 'body2' } }} />
              <OpenInNewIcon sx={{ fontSize: 14, color: 'text.secondary' }} aria-label="opens in a new tab" />
            </ListItemButton>
          );
        }
        const selected = item.route === props.route;
        return (
          <ListItemButton
            key={key}
            component={RouterLink}
            to={pageHref(props.basePath, item.route)}
            selected={selected}
            aria-current={selected ? 'page' : undefined}
            onClick={props.onNavigate}
            sx={{ pl: 1 + props.depth * 1.5, py: 0.25, borderRadius: 1 }}
          >
            <ListItemText primary={item.title} slotProps={{ primary: { variant: 'body2', sx: selected ? { fontWeight: 600 } : {} } }} />
          </ListItemButton>
        );
      })}
    </List>
  );
}

/** The site's navigation from mkdocs.yml's nav (or the files), with the current page marked. */
export function DocsNav(props: { nav: NavItem[]; route: string; basePath: string; onNavigate?: () => void }) {
  return (
    <nav aria-label="Site navigation">
      <NavList items={props.nav} depth={0} route={props.route} basePath={props.basePath} {...(props.onNavigate ? { onNavigate: props.onNavigate } : {})} />
    </nav>
  );
}
