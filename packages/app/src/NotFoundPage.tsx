import { Link as RouterLink, useLocation } from 'react-router';
import Button from '@mui/material/Button';
import { EmptyState, PageLayout } from '@callboard/frontend-plugin-api';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <PageLayout title="Page not found">
      <title>Page not found · Callboard</title>
      <EmptyState
        title={`Nothing lives at ${pathname}`}
        description="This page does not exist. The link may be mistyped or out of date, or the plugin that served it was removed."
        action={
          <Button variant="contained" component={RouterLink} to="/catalog">
            Go to the catalog
          </Button>
        }
      />
    </PageLayout>
  );
}
