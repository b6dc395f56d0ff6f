import Box from '@mui/material/Box';
import Chip, { type ChipProps } from '@mui/material/Chip';

const lifecycleColors: Record<string, ChipProps['color']> = {
  production: 'success',
  experimental: 'warning',
  deprecated: 'error',
};

export function LifecycleChip(props: { lifecycle: string | undefined }) {
  if (!props.lifecycle) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.lifecycle}
      color={lifecycleColors[props.lifecycle.toLowerCase()] ?? 'default'}
    />
  );
}

/** Long tag lists collapse into "+N" so one entity cannot stretch the whole table. */
export function TagChips(props: { tags: readonly string[] | undefined; max?: number }) {
  const tags = props.tags ?? [];
  if (tags.length === 0) return null;
  const max = props.max ?? tags.length;
  const shown = tags.slice(0, max);
  const hidden = tags.slice(max);
  return (
    <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, listStyle: 'none', m: 0, p: 0 }}>
      {shown.map((tag) => (
        <li key={tag}>
          <Chip size="small" label={tag} />
        </li>
      ))}
      {hidden.length > 0 && (
        <li>
          <Chip size="small" variant="outlined" label={`+${hidden.length}`} title={hidden.join(', ')} aria-label={`${hidden.length} more tags: ${hidden.join(', ')}`} />
        </li>
      )}
    </Box>
  );
}
