import { Link as RouterLink } from 'react-router';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useEntity } from '@callboard/frontend-plugin-api';

/** On a Template's catalog page: what it makes, and the way into its wizard. */
export function TemplateLaunchCard() {
  const entity = useEntity();
  const namespace = entity.metadata.namespace ?? 'default';
  const steps = Array.isArray((entity.spec as { steps?: unknown } | undefined)?.steps) ? ((entity.spec as { steps: unknown[] }).steps.length) : 0;
  return (
    <Card variant="outlined" component="section" aria-label="Use this template">
      <CardContent>
        <Typography variant="h6" component="h2">
          Use this template
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Fill in its form to create what it describes{steps ? ` (${steps} steps)` : ''}. Nothing happens until you confirm on the review page.
        </Typography>
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2, gap: 1 }}>
        <Button component={RouterLink} variant="contained" to={`/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(entity.metadata.name)}`}>
          Open the wizard
        </Button>
        <Button component={RouterLink} to="/create/edit">
          Template editor
        </Button>
      </CardActions>
    </Card>
  );
}
