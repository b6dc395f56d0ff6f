/** The favicon's mark, in the theme's primary colour so it follows light and dark. */
export function AppLogo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" style={{ color: 'var(--mui-palette-primary-main)' }} />
      <rect x="7" y="8" width="18" height="4" rx="2" fill="var(--mui-palette-primary-contrastText)" />
      <rect x="7" y="14" width="13" height="4" rx="2" fill="var(--mui-palette-primary-contrastText)" opacity=".85" />
      <rect x="7" y="20" width="16" height="4" rx="2" fill="var(--mui-palette-primary-contrastText)" opacity=".7" />
    </svg>
  );
}
