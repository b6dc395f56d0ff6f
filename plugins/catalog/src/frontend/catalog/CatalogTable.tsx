import { memo, useEffect, useRef } from 'react';
import { Link as RouterLink } from 'react-router';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import StarIcon from '@mui/icons-material/Star';
import StarBorderIcon from '@mui/icons-material/StarBorder';
import { DEFAULT_NAMESPACE, humanizeEntityRef, type Entity } from '@callboard/catalog-model';
import type { SortColumn, SortOrder } from '../catalogView.ts';
import { entityRoute, entityTitle, specString, tryParseEntityRef } from '../entityRoute.ts';
import { starKey } from '../starredEntities.ts';
import { belowAppBar } from './belowAppBar.ts';
import { useWindowedRows } from './useWindowedRows.ts';

/**
 * Every row is exactly this tall (cells clip, never wrap), so a row's
 * position is its index times this, and a list of 100,000 needs no
 * measuring: only the rows on screen are in the DOM.
 */
export const ROW_HEIGHT = 53;
/** Ask for the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 150;

interface Column {
  id: string;
  label: string;
  sort?: SortColumn;
}

const COLUMNS: Column[] = [
  { id: 'star', label: 'Starred' },
  { id: 'name', label: 'Name', sort: 'name' },
  { id: 'kind', label: 'Kind', sort: 'kind' },
  { id: 'type', label: 'Type', sort: 'type' },
  { id: 'owner', label: 'Owner', sort: 'owner' },
  { id: 'lifecycle', label: 'Lifecycle', sort: 'lifecycle' },
  { id: 'description', label: 'Description' },
  { id: 'tags', label: 'Tags' },
];

/*
 * Which columns fit depends on the table's own width, not the screen's (the
 * filter panel and the sidebar come and go), so the columns follow container
 * queries on the table's box. Fixed table layout with set widths means rows
 * never re-measure while scrolling; the name takes what is left.
 */
const COLUMN_RULES = {
  '& .col-star': { width: 40 },
  '& .col-kind': { width: 80 },
  '& .col-owner': { width: 104 },
  '& .col-type, & .col-lifecycle, & .col-description, & .col-tags': { display: 'none' },
  '@container catalog-table (min-width: 560px)': {
    '& .col-star': { width: 44 },
    '& .col-kind': { width: 112 },
    '& .col-lifecycle': { display: 'table-cell', width: 120 },
    '& .col-owner': { width: 140 },
  },
  '@container catalog-table (min-width: 700px)': {
    '& .col-type': { display: 'table-cell', width: 100 },
  },
  '@container catalog-table (min-width: 860px)': {
    '& .col-name': { width: '28%' },
    '& .col-description': { display: 'table-cell' },
  },
  '@container catalog-table (min-width: 1180px)': {
    '& .col-owner': { width: 170 },
    '& .col-tags': { display: 'table-cell', width: 180 },
  },
} as const;

export interface CatalogTableProps {
  rows: readonly Entity[];
  /** Render only the rows near the viewport (the continuous list). */
  windowed: boolean;
  /** How many rows the whole result has, for assistive technology's "row 5 of 100,000". */
  totalCount: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Old rows shown while new ones load. */
  busy: boolean;
  sort: SortColumn;
  order: SortOrder;
  onSort: (column: SortColumn) => void;
  starred: readonly string[];
  onToggleStar: (ref: string) => void;
}

export function CatalogTable(props: CatalogTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const starred = new Set(props.starred);
  const count = props.rows.length;
  const windowedRange = useWindowedRows(bodyRef, props.windowed ? count : 0, ROW_HEIGHT);
  const range = props.windowed ? windowedRange : { start: 0, end: count };

  const { hasMore, loadingMore, onLoadMore } = props;
  const nearEnd = props.windowed && range.end >= count - PREFETCH_ROWS;
  useEffect(() => {
    if (nearEnd && hasMore && !loadingMore) onLoadMore();
  }, [nearEnd, hasMore, loadingMore, onLoadMore]);

  const top = range.start * ROW_HEIGHT;
  const bottom = (count - range.end) * ROW_HEIGHT;
  const visible = props.rows.slice(range.start, range.end);

  return (
    <Table
      aria-label="Catalog entities"
      aria-busy={props.busy || props.loadingMore}
      aria-rowcount={props.totalCount + 1}
      size="small"
      sx={(theme) => ({
        tableLayout: 'fixed',
        borderCollapse: 'separate',
        borderSpacing: 0,
        '& th, & td': { px: 1.25 },
        ...COLUMN_RULES,
        '& thead th': {
          position: 'sticky',
          ...belowAppBar(theme),
          zIndex: 2,
          bgcolor: 'background.paper',
          fontWeight: 600,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
        },
        '& tbody': { opacity: props.busy ? 0.55 : 1, transition: 'opacity 150ms' },
        '& tbody td': {
          height: ROW_HEIGHT,
          boxSizing: 'border-box',
          py: 0,
          borderBottom: 1,
          borderColor: 'divider',
          ...theme.typography.body2,
          overflow: 'hidden',
          whiteSpace: 'nowrap',
          textOverflow: 'ellipsis',
          verticalAlign: 'middle',
        },
        '& tbody tr.row:hover td': { bgcolor: 'action.hover' },
        '& .spacer td': { p: 0, border: 0, height: 'auto' },
        '& a.cell-link': {
          color: 'primary.main',
          textDecoration: 'none',
          '&:hover': { textDecoration: 'underline' },
          '&:focus-visible': { outline: `2px solid ${(theme.vars ?? theme).palette.primary.main}`, outlineOffset: 1, borderRadius: 0.5 },
        },
        '& .name-title': { display: 'block', fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', lineHeight: 1.4 },
        '& .name-ref': { display: 'block', color: 'text.secondary', fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', lineHeight: 1.35 },
        '& .muted': { color: 'text.disabled' },
        '& .star': {
          display: 'inline-flex',
          p: 0.75,
          m: -0.75,
          border: 0,
          borderRadius: '50%',
          background: 'none',
          cursor: 'pointer',
          color: 'text.disabled',
          '&:hover': { bgcolor: 'action.hover', color: 'text.secondary' },
          '&:focus-visible': { outline: `2px solid ${(theme.vars ?? theme).palette.primary.main}` },
          '&.on': { color: 'warning.main' },
          '& svg': { fontSize: 20 },
        },
        '& .lifecycle::before': {
          content: '""',
          display: 'inline-block',
          width: 8,
          height: 8,
          borderRadius: '50%',
          mr: 0.75,
          bgcolor: 'text.disabled',
          verticalAlign: 'middle',
        },
        '& .lifecycle-production::before': { bgcolor: 'success.main' },
        '& .lifecycle-experimental::before': { bgcolor: 'warning.main' },
        '& .lifecycle-deprecated::before': { bgcolor: 'error.main' },
        '& .tag': {
          display: 'inline-block',
          px: 1,
          mr: 0.5,
          borderRadius: 3,
          bgcolor: 'action.selected',
          fontSize: 12,
          lineHeight: '22px',
        },
      })}
    >
      <TableHead>
        <TableRow aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <TableCell
              key={column.id}
              className={`col-${column.id}`}
              sortDirection={column.sort && column.sort === props.sort ? props.order : false}
            >
              {column.id === 'star' ? (
                <StarIcon fontSize="small" titleAccess="Starred" sx={{ verticalAlign: 'middle', color: 'text.disabled' }} />
              ) : column.sort ? (
                <TableSortLabel
                  active={column.sort === props.sort}
                  direction={column.sort === props.sort ? props.order : 'asc'}
                  onClick={() => props.onSort(column.sort!)}
                >
                  {column.label}
                </TableSortLabel>
              ) : (
                column.label
              )}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <tbody ref={bodyRef}>
        {top > 0 && <Spacer height={top} />}
        {visible.map((entity, i) => {
          const ref = starKey(entity);
          return (
            <EntityRow
              key={entity.metadata.uid ?? ref}
              entity={entity}
              rowIndex={range.start + i + 2}
              starred={starred.has(ref)}
              onToggleStar={props.onToggleStar}
            />
          );
        })}
        {bottom > 0 && <Spacer height={bottom} />}
        {props.windowed && hasMore && (
          <tr className="spacer" aria-hidden>
            <td style={{ height: ROW_HEIGHT }} />
            <td className="muted">Loading more…</td>
          </tr>
        )}
      </tbody>
    </Table>
  );
}

/**
 * Stands in for the rows not rendered. One cell, no colSpan: a span over
 * all columns would count the hidden ones too and add a phantom column.
 */
function Spacer(props: { height: number }) {
  return (
    <tr className="spacer" aria-hidden>
      <td style={{ height: props.height }} />
    </tr>
  );
}

/** Plain elements and one memo: rows mount and unmount constantly while scrolling, so they must be cheap. */
const EntityRow = memo(function EntityRow(props: {
  entity: Entity;
  rowIndex: number;
  starred: boolean;
  onToggleStar: (ref: string) => void;
}) {
  const { entity, starred, onToggleStar } = props;
  const { metadata } = entity;
  const namespace = metadata.namespace ?? DEFAULT_NAMESPACE;
  const title = entityTitle(entity);
  const ref = starKey(entity);
  const owner = tryParseEntityRef(entity.spec?.['owner'], { defaultKind: 'group', defaultNamespace: namespace });
  const ownerText = owner ? humanizeEntityRef(owner, { defaultKind: 'group' }) : specString(entity, 'owner');
  const lifecycle = specString(entity, 'lifecycle');
  const type = specString(entity, 'type');
  const showRef = title !== metadata.name || namespace !== DEFAULT_NAMESPACE;
  const tags = metadata.tags ?? [];
  return (
    <tr className="row" aria-rowindex={props.rowIndex}>
      <td className="col-star">
        <button type="button" className={starred ? 'star on' : 'star'} aria-label={`${starred ? 'Unstar' : 'Star'} ${metadata.name}`} onClick={() => onToggleStar(ref)}>
          {starred ? <StarIcon /> : <StarBorderIcon />}
        </button>
      </td>
      <td className="col-name">
        <RouterLink className="cell-link name-title" to={entityRoute(entity)} title={title}>
          {title}
        </RouterLink>
        {showRef && <span className="name-ref">{namespace === DEFAULT_NAMESPACE ? metadata.name : `${namespace}/${metadata.name}`}</span>}
      </td>
      <td className="col-kind">{entity.kind}</td>
      <td className="col-type">{type ?? <span className="muted">—</span>}</td>
      <td className="col-owner" title={ownerText}>
        {owner ? (
          <RouterLink className="cell-link" to={entityRoute(owner)}>
            {ownerText}
          </RouterLink>
        ) : (
          (ownerText ?? <span className="muted">—</span>)
        )}
      </td>
      <td className="col-lifecycle">
        {lifecycle ? <span className={`lifecycle lifecycle-${lifecycle.toLowerCase()}`}>{lifecycle}</span> : <span className="muted">—</span>}
      </td>
      <td className="col-description" title={metadata.description}>
        {metadata.description ?? ''}
      </td>
      <td className="col-tags" title={tags.join(', ')}>
        {tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </td>
    </tr>
  );
});
