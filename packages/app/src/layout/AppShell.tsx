import { useState, type ReactNode } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import MenuIcon from '@mui/icons-material/Menu';
import { useApp } from '@callboard/frontend-plugin-api';
import { SidebarContent } from './SidebarContent.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { HeaderSearchSlot } from './HeaderSearchSlot.tsx';

const DRAWER_WIDTH = 240;
const drawerPaper = { width: DRAWER_WIDTH, boxSizing: 'border-box', bgcolor: 'background.paper' } as const;

/*
 * Both drawers are rendered and CSS picks one per breakpoint (MUI's
 * responsive-drawer pattern), so the first paint is right without waiting
 * for a media-query hook.
 */
export function AppShell(props: { children: ReactNode }) {
  const { appTitle } = useApp();
  const [mobileOpen, setMobileOpen] = useState(false);
  const close = () => setMobileOpen(false);

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Box
        component="a"
        href="#main-content"
        sx={{
          position: 'absolute',
          left: -9999,
          zIndex: 'tooltip',
          p: 1,
          bgcolor: 'background.paper',
          color: 'primary.main',
          '&:focus': { left: 8, top: 8 },
        }}
      >
        Skip to content
      </Box>
      <AppBar
        position="fixed"
        color="inherit"
        sx={{
          width: { md: `calc(100% - ${DRAWER_WIDTH}px)` },
          ml: { md: `${DRAWER_WIDTH}px` },
          bgcolor: 'background.paper',
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Toolbar sx={{ gap: 1 }}>
          <IconButton
            color="inherit"
            edge="start"
            aria-label="Open navigation"
            onClick={() => setMobileOpen(true)}
            sx={{ display: { md: 'none' } }}
          >
            <MenuIcon />
          </IconButton>
          <Typography variant="h6" component="span" sx={{ display: { md: 'none' }, fontWeight: 700 }}>
            {appTitle}
          </Typography>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <HeaderSearchSlot />
          </Box>
          <ThemeToggle />
        </Toolbar>
      </AppBar>
      <Box sx={{ width: { md: DRAWER_WIDTH }, flexShrink: { md: 0 } }}>
        <Drawer
          variant="temporary"
          open={mobileOpen}
          onClose={close}
          sx={{ display: { xs: 'block', md: 'none' }, '& .MuiDrawer-paper': drawerPaper }}
        >
          <SidebarContent onNavigate={close} />
        </Drawer>
        <Drawer variant="permanent" sx={{ display: { xs: 'none', md: 'block' }, '& .MuiDrawer-paper': drawerPaper }}>
          <SidebarContent />
        </Drawer>
      </Box>
      <Box component="main" id="main-content" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, outline: 'none' }}>
        <Toolbar />
        {props.children}
      </Box>
    </Box>
  );
}
