import { useMemo } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useApp } from '@callboard/frontend-plugin-api';
import { isNavItemActive, navItems } from './navItems.ts';
import { AppLogo } from './AppLogo.tsx';

export function SidebarContent(props: { onNavigate?: () => void }) {
  const { plugins, appTitle } = useApp();
  const { pathname } = useLocation();
  const items = useMemo(() => navItems(plugins), [plugins]);

  return (
    <>
      <Toolbar sx={{ gap: 1.5 }}>
        <Box
          component={RouterLink}
          to="/"
          onClick={props.onNavigate}
          sx={{ display: 'flex', alignItems: 'center', gap: 1.25, color: 'text.primary', textDecoration: 'none' }}
        >
          <AppLogo />
          <Typography variant="h6" component="span" sx={{ fontWeight: 700, letterSpacing: '-0.01em' }}>
            {appTitle}
          </Typography>
        </Box>
      </Toolbar>
      <Divider />
      <List component="nav" aria-label="Main navigation" sx={{ px: 1 }}>
        {items.map((item) => {
          const active = isNavItemActive(item, pathname);
          const Icon = item.icon;
          return (
            <ListItemButton
              key={`${item.pluginId}:${item.path}`}
              component={RouterLink}
              to={item.path}
              selected={active}
              aria-current={active ? 'page' : undefined}
              onClick={props.onNavigate}
              sx={{
                borderRadius: 1,
                mb: 0.5,
                '&.Mui-selected': { color: 'primary.main' },
                '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
              }}
            >
              <ListItemIcon sx={{ minWidth: 40 }}>{Icon && <Icon />}</ListItemIcon>
              <ListItemText primary={item.title} />
            </ListItemButton>
          );
        })}
      </List>
    </>
  );
}
