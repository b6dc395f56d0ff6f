import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { ErrorPanel, LoadingState } from '@callboard/frontend-plugin-api';
import type { BuildWarning } from '../../common/docsSchemas.ts';
import { useSiteWarnings, type EntityName } from '../techdocsApi.ts';

const KIND_LABEL: Record<BuildWarning['kind'], string> = {
  'broken-link': 'Broken link',
  'missing-page': 'Missing page',
  'missing-image': 'Missing image',
  'refused-path': 'Refused',
  config: 'mkdocs.yml',
  'too-large': 'Too large',
  unsupported: 'Not supported',
};

function WarningList(props: { warnings: BuildWarning[] }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
      {props.warnings.map((w, i) => (
        <li key={`${i}:${w.message}`}>
          <Typography variant="body2">
            <strong>{KIND_LABEL[w.kind]}</strong>
            {w.page ? ` in ${w.page}` : ''}: {w.message}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/** What MkDocs would warn about: the site's and this page's problems, and on request every page's. */
export function WarningsPanel(props: { entity: EntityName; siteWarnings: BuildWarning[]; pageWarnings: BuildWarning[] }) {
  const [checkAll, setCheckAll] = useState(false);
  const all = useSiteWarnings(props.entity, checkAll);
  return (
    <Alert severity="warning" sx={{ mb: 2 }} role="region" aria-label="Build warnings">
      <AlertTitle>Build warnings</AlertTitle>
      {props.siteWarnings.length > 0 && (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            Site
          </Typography>
          <WarningList warnings={props.siteWarnings} />
        </>
      )}
      {props.pageWarnings.length > 0 && (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600, mt: 1 }}>
            This page
          </Typography>
          <WarningList warnings={props.pageWarnings} />
        </>
      )}
      {!checkAll ? (
        <Button size="small" color="inherit" sx={{ mt: 1 }} onClick={() => setCheckAll(true)}>
          Check every page
        </Button>
      ) : all.isPending ? (
        <LoadingState label="Checking every page…" />
      ) : all.isError ? (
        <ErrorPanel error={all.error} title="Checking every page failed" />
      ) : (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600, mt: 1 }}>
            Every page ({all.data.pageCount} pages, {all.data.warnings.length} warnings)
          </Typography>
          {all.data.warnings.length ? <WarningList warnings={all.data.warnings} /> : <Typography variant="body2">No warnings.</Typography>}
        </>
      )}
      <Typography variant="body2" sx={{ mt: 1 }}>
        Fix these in the docs’ sources; the reader picks up changes on the next check.
      </Typography>
    </Alert>
  );
}
