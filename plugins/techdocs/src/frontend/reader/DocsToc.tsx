import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TocEntry } from '../../common/docsSchemas.ts';

/** Headings closer to the top than this count as read: the app bar covers the first 64 px. */
const READ_LINE_PX = 96;

/** Which heading the reader is in: the last one that has scrolled past the read line. */
export function useActiveHeading(toc: TocEntry[], contentKey: string): string | undefined {
  const [active, setActive] = useState<string | undefined>(toc[0]?.id);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      let current = toc[0]?.id;
      for (const entry of toc) {
        const element = document.getElementById(entry.id);
        if (!element) continue;
        if (element.getBoundingClientRect().top <= READ_LINE_PX) current = entry.id;
        else break;
      }
      // At the very bottom the last headings can never reach the line; the last one is where you are.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2 && toc.length) current = toc[toc.length - 1]!.id;
      setActive(current);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [toc, contentKey]);
  return active;
}

/** The page's table of contents; the heading in view is highlighted as the reader scrolls. */
export function DocsToc(props: { toc: TocEntry[]; active: string | undefined; onSelect: (id: string) => void }) {
  if (props.toc.length === 0) return null;
  const minLevel = Math.min(...props.toc.map((e) => e.level));
  return (
    <Box component="nav" aria-label="On this page">
      <Typography variant="overline" component="h2" sx={{ color: 'text.secondary', display: 'block', mb: 0.5 }}>
        On this page
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, borderLeft: 1, borderColor: 'divider' }}>
        {props.toc.map((entry) => {
          const current = entry.id === props.active;
          return (
            <li key={entry.id}>
              <Box
                component="a"
                href={`#${entry.id}`}
                aria-current={current ? 'location' : undefined}
                onClick={(event: React.MouseEvent) => {
                  event.preventDefault();
                  props.onSelect(entry.id);
                }}
                sx={{
                  display: 'block',
                  py: 0.4,
                  pl: 1.5 + (entry.level - minLevel) * 1.25,
                  ml: '-1px',
                  borderLeft: 2,
                  borderColor: current ? 'primary.main' : 'transparent',
                  color: current ? 'primary.main' : 'text.secondary',
                  fontWeight: current ? 600 : 400,
                  fontSize: '0.85rem',
                  textDecoration: 'none',
                  lineHeight: 1.35,
                  '&:hover': { color: 'text.primary' },
                }}
              >
                {entry.title}
              </Box>
            </li>
          );
        })}
      </Box>
    </Box>
  );
}
