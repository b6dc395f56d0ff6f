import { Suspense } from 'react';
import Box from '@mui/material/Box';
import { headerSearchExtensionPoint, PluginErrorBoundary, useExtensions } from '@callboard/frontend-plugin-api';

/** Whatever plugins put in the header's search slot; nothing at all when none do. */
export function HeaderSearchSlot() {
  const items = useExtensions(headerSearchExtensionPoint);
  if (items.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
      {items.map((item, index) => {
        const Content = item.data.component;
        return (
          <PluginErrorBoundary key={`${item.pluginId}:${index}`} pluginId={item.pluginId} compact>
            {/* The boundary's own fallback is a page-sized spinner; a header slot waits quietly. */}
            <Suspense fallback={null}>
              <Content />
            </Suspense>
          </PluginErrorBoundary>
        );
      })}
    </Box>
  );
}
