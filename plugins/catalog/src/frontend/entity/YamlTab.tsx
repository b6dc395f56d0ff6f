import { useMemo, useState } from 'react';
import { stringify } from 'yaml';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import CheckIcon from '@mui/icons-material/Check';
import type { Entity } from '@callboard/catalog-model';

/**
 * The entity as the catalog stores it, as YAML. This file is its own lazy
 * chunk because the `yaml` package is only needed here.
 */
export function YamlTab(props: { entity: Entity }) {
  // Relations and status are the catalog's, not the file's: off by default so
  // what you copy is close to what a catalog-info.yaml holds.
  const [withComputed, setWithComputed] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  const text = useMemo(() => {
    const { relations, status, ...rest } = props.entity;
    const value = withComputed ? { ...rest, ...(relations ? { relations } : {}), ...(status ? { status } : {}) } : rest;
    return stringify(value, { lineWidth: 0 });
  }, [props.entity, withComputed]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(undefined), 2000);
  };

  return (
    <Card variant="outlined" component="section" aria-label="Entity YAML">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <FormControlLabel
          control={<Switch size="small" checked={withComputed} onChange={(event) => setWithComputed(event.target.checked)} />}
          label="Include relations and status"
          sx={{ flex: 1 }}
        />
        <Typography role="status" variant="body2" color={copied === 'failed' ? 'error' : 'text.secondary'}>
          {copied === 'yes' ? 'Copied to the clipboard' : copied === 'failed' ? 'Copying is blocked here: select the text instead' : ''}
        </Typography>
        <Button variant="outlined" size="small" startIcon={copied === 'yes' ? <CheckIcon /> : <ContentCopyIcon />} onClick={() => void copy()}>
          Copy YAML
        </Button>
      </Box>
      <Box
        component="pre"
        tabIndex={0}
        aria-label="YAML"
        sx={{
          m: 0,
          p: 2,
          overflow: 'auto',
          maxHeight: '70vh',
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: 13,
          lineHeight: 1.55,
          bgcolor: 'action.hover',
        }}
      >
        <code>{text}</code>
      </Box>
    </Card>
  );
}
