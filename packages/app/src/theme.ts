import { createTheme } from '@mui/material/styles';

/** Where the light/dark choice is remembered; without one the OS preference applies. */
export const THEME_MODE_STORAGE_KEY = 'callboard-theme';

const fontFamily = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(',');

/*
 * Both schemes live in one theme as CSS variables, so switching is a
 * class change rather than a re-render of every styled component. System
 * fonts keep the first paint free of web-font downloads.
 */
export const appTheme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#0b7a71', contrastText: '#ffffff' },
        secondary: { main: '#b45309' },
        background: { default: '#f4f6f7', paper: '#ffffff' },
        text: { primary: '#172024', secondary: '#4d5a61' },
        divider: 'rgba(23, 32, 36, 0.12)',
      },
    },
    dark: {
      palette: {
        primary: { main: '#4fd1c5', contrastText: '#06201d' },
        secondary: { main: '#fbbf24' },
        background: { default: '#0d1215', paper: '#151c20' },
        text: { primary: '#e6eef0', secondary: '#9fb0b6' },
        divider: 'rgba(230, 238, 240, 0.12)',
      },
    },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily,
    h4: { fontWeight: 600, letterSpacing: '-0.01em' },
    h6: { fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTab: { styleOverrides: { root: { textTransform: 'none', fontWeight: 600, minHeight: 44 } } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 600, whiteSpace: 'nowrap' } } },
    MuiAppBar: { defaultProps: { elevation: 0 } },
  },
});
