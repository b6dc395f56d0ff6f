import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** The common frame of a page: a title row with optional actions, then content. */
export function PageLayout(props: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" sx={{ p: { xs: 2, md: 3 }, maxWidth: 1600, mx: 'auto' }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 600, wordBreak: 'break-word' }}>
            {props.title}
          </Typography>
          {props.subtitle && (
            <Typography color="text.secondary" sx={{ mt: 0.5 }}>
              {props.subtitle}
            </Typography>
          )}
        </Box>
        {props.actions}
      </Box>
      {props.children}
    </Box>
  );
}
