import { useId, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Skeleton from '@mui/material/Skeleton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { humanizeEntityRef } from '@callboard/catalog-model';
import { CATALOG_FACETS, isFilterableValue, isSelected, type FacetId, type FacetSelection } from '../catalogView.ts';
import { tryParseEntityRef } from '../entityRoute.ts';

export type FacetCountsById = Partial<Record<FacetId, { value: string; count: number }[]>>;

/** Values shown before "Show more"; the selected ones always show. */
const COLLAPSED_VALUES = 6;
/** Past this many values a facet gets its own search box. */
const SEARCHABLE_FROM = 12;
/** A facet never renders more checkboxes than this at once; the search box narrows the rest. */
const MAX_RENDERED = 100;

export interface FacetPanelProps {
  filters: FacetSelection;
  counts: FacetCountsById;
  pending: ReadonlySet<FacetId>;
  errors: ReadonlyMap<FacetId, unknown>;
  onToggle: (facet: FacetId, value: string) => void;
  onClear: (facet: FacetId) => void;
  onRetry: () => void;
}

export function FacetPanel(props: FacetPanelProps) {
  return (
    <Box component="nav" aria-label="Filters" sx={{ display: 'flex', flexDirection: 'column', gap: 2.5 }}>
      {CATALOG_FACETS.map((facet) => (
        <FacetSection
          key={facet.id}
          id={facet.id}
          label={facet.label}
          values={props.counts[facet.id]}
          selected={props.filters[facet.id] ?? []}
          filters={props.filters}
          pending={props.pending.has(facet.id)}
          failed={props.errors.has(facet.id)}
          onToggle={(value) => props.onToggle(facet.id, value)}
          onClear={() => props.onClear(facet.id)}
          onRetry={props.onRetry}
        />
      ))}
    </Box>
  );
}

function FacetSection(props: {
  id: FacetId;
  label: string;
  values: { value: string; count: number }[] | undefined;
  selected: readonly string[];
  filters: FacetSelection;
  pending: boolean;
  failed: boolean;
  onToggle: (value: string) => void;
  onClear: () => void;
  onRetry: () => void;
}) {
  const headingId = useId();
  const [expanded, setExpanded] = useState(false);
  const [search, setSearch] = useState('');

  const values = useMemo(() => {
    const list = (props.values ?? []).filter((v) => isFilterableValue(v.value));
    // A value chosen in a shared link stays visible (with 0) even when nothing matches it now.
    for (const value of props.selected) {
      if (!list.some((v) => v.value.toLowerCase() === value.toLowerCase())) list.push({ value, count: 0 });
    }
    return list;
  }, [props.values, props.selected]);

  // Owners are refs written many ways (`team-a`, `group:default/team-a`); they read
  // best short. Two values that would read alike keep their full text.
  const labels = useMemo(() => {
    const map = new Map<string, string>();
    if (props.id !== 'owner') return map;
    const seen = new Map<string, number>();
    for (const { value } of values) {
      const ref = tryParseEntityRef(value, { defaultKind: 'group' });
      const short = ref ? humanizeEntityRef(ref, { defaultKind: 'group' }) : value;
      map.set(value, short);
      seen.set(short, (seen.get(short) ?? 0) + 1);
    }
    for (const [value, short] of map) if ((seen.get(short) ?? 0) > 1) map.set(value, value);
    return map;
  }, [props.id, values]);

  const needle = search.trim().toLowerCase();
  const matching = needle ? values.filter((v) => v.value.toLowerCase().includes(needle)) : values;
  const shown = expanded
    ? matching.slice(0, MAX_RENDERED)
    : matching.filter((v, i) => i < COLLAPSED_VALUES || isSelected(props.filters, props.id, v.value));
  const hiddenCount = matching.length - shown.length;

  return (
    <Box role="group" aria-labelledby={headingId}>
      <Box sx={{ display: 'flex', alignItems: 'center', minHeight: 30 }}>
        <Typography id={headingId} component="h2" variant="subtitle2" sx={{ flex: 1, fontWeight: 600 }}>
          {props.label}
        </Typography>
        {props.selected.length > 0 && (
          <Button size="small" onClick={props.onClear} aria-label={`Clear the ${props.label.toLowerCase()} filter`} sx={{ minWidth: 0, py: 0 }}>
            Clear
          </Button>
        )}
      </Box>
      {props.failed && !props.values ? (
        <Typography variant="body2" color="error">
          Could not load the {props.label.toLowerCase()} counts.{' '}
          <Button size="small" onClick={props.onRetry} sx={{ minWidth: 0, p: 0, verticalAlign: 'baseline' }}>
            Retry
          </Button>
        </Typography>
      ) : props.pending && !props.values ? (
        <Box aria-hidden>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={28} width={`${80 - i * 15}%`} />
          ))}
        </Box>
      ) : values.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No values among these results.
        </Typography>
      ) : (
        <>
          {expanded && values.length > SEARCHABLE_FROM && (
            <TextField
              size="small"
              fullWidth
              label={`Find a ${props.label.toLowerCase().replace(/s$/, '')}`}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              sx={{ my: 1 }}
              slotProps={{ htmlInput: { autoComplete: 'off' } }}
            />
          )}
          <Box
            component="ul"
            sx={{ listStyle: 'none', m: 0, p: 0, opacity: props.pending ? 0.6 : 1, transition: 'opacity 150ms' }}
          >
            {shown.map((value) => {
              const checked = isSelected(props.filters, props.id, value.value);
              return (
                <Box component="li" key={value.value} sx={{ display: 'flex', alignItems: 'center', minHeight: 32 }}>
                  <FormControlLabel
                    sx={{ flex: 1, minWidth: 0, mr: 1, ml: -0.75, '& .MuiFormControlLabel-label': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 14 } }}
                    control={
                      <Checkbox
                        size="small"
                        checked={checked}
                        onChange={() => props.onToggle(value.value)}
                        sx={{ p: 0.5, mr: 0.5 }}
                        // Named by the value itself, which the shown text is a part of.
                        slotProps={{ input: { 'aria-label': value.value } }}
                      />
                    }
                    label={labels.get(value.value) ?? value.value}
                    title={value.value}
                  />
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {value.count.toLocaleString('en-US')}
                  </Typography>
                </Box>
              );
            })}
          </Box>
          {needle && matching.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              No {props.label.toLowerCase()} match “{search}”.
            </Typography>
          )}
          {expanded && hiddenCount > 0 && (
            <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 0.5 }}>
              {hiddenCount.toLocaleString('en-US')} more not listed: type in the box above to find one.
            </Typography>
          )}
          {(hiddenCount > 0 || expanded) && (
            <Button
              size="small"
              aria-expanded={expanded}
              onClick={() => {
                setExpanded(!expanded);
                setSearch('');
              }}
              sx={{ mt: 0.5, px: 0.5, minWidth: 0 }}
            >
              {expanded ? 'Show fewer' : `Show ${hiddenCount.toLocaleString('en-US')} more`}
            </Button>
          )}
        </>
      )}
    </Box>
  );
}
