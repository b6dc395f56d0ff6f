import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import StarIcon from '@mui/icons-material/Star';
import StarBorderIcon from '@mui/icons-material/StarBorder';

/** The entity page's star; table rows use a lighter plain button (see CatalogTable). */
export function StarButton(props: { name: string; starred: boolean; onToggle: () => void }) {
  const label = `${props.starred ? 'Unstar' : 'Star'} ${props.name}`;
  return (
    <Tooltip describeChild title={props.starred ? 'Remove from starred' : 'Add to starred'}>
      <IconButton aria-label={label} onClick={props.onToggle} sx={{ color: props.starred ? 'warning.main' : 'text.secondary' }}>
        {props.starred ? <StarIcon /> : <StarBorderIcon />}
      </IconButton>
    </Tooltip>
  );
}
