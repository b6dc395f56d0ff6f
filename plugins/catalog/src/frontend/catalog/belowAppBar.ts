import type { Theme } from '@mui/material/styles';

/**
 * `top` for something sticky under the app bar, whose height follows the
 * theme's toolbar (56, 48 in landscape phones, 64 from `sm`). Reading the
 * mixin keeps the two in step if the theme changes.
 */
export function belowAppBar(theme: Theme, extra = 0): Record<string, unknown> {
  const toolbar = theme.mixins.toolbar as Record<string, unknown>;
  const top = (value: unknown) => (typeof value === 'number' ? value : 56) + extra;
  const out: Record<string, unknown> = { top: top(toolbar['minHeight']) };
  for (const [key, value] of Object.entries(toolbar)) {
    if (key.startsWith('@media') && value && typeof value === 'object' && 'minHeight' in value) {
      out[key] = { top: top((value as { minHeight: unknown }).minHeight) };
    }
  }
  return out;
}
