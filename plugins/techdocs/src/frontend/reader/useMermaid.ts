import { useEffect, type RefObject } from 'react';
import { useColorScheme } from '@mui/material/styles';

/**
 * Draws the page's Mermaid blocks. Mermaid is a large library, so it is
 * imported only when a page has a diagram; `strict` keeps diagram text from
 * adding script or click handlers.
 */
export function useMermaid(ref: RefObject<HTMLElement | null>, hasMermaid: boolean, html: string): void {
  const { mode, systemMode } = useColorScheme();
  const dark = (mode === 'system' ? systemMode : mode) === 'dark';
  useEffect(() => {
    const container = ref.current;
    if (!hasMermaid || !container) return;
    let cancelled = false;
    void import('mermaid').then(async ({ default: mermaid }) => {
      if (cancelled) return;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
      const nodes = [...container.querySelectorAll<HTMLElement>('pre.mermaid')];
      for (const node of nodes) {
        // Keep the source so a theme change can draw it again.
        node.dataset['source'] ??= node.textContent ?? '';
        node.removeAttribute('data-processed');
        node.textContent = node.dataset['source'];
      }
      try {
        await mermaid.run({ nodes, suppressErrors: true });
      } catch {
        // A diagram with a syntax error stays visible as its source text.
      }
    });
    return () => {
      cancelled = true;
    };
  }, [ref, hasMermaid, html, dark]);
}
