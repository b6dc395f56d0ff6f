import { useEffect } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { scaffolderClient } from '../scaffolderApi.ts';
import { formatRepoUrl, readRepoUrl } from '../../common/repoUrl.ts';

const OWNER_HELP = 'The organisation or user that will own the repository';

interface RepoUrlPickerOptions {
  allowedHosts?: string[];
  allowedOwners?: string[];
  allowedRepos?: string[];
}

/**
 * Where the new repository goes: a host from the portal's configured
 * integrations (limited by the template's `allowedHosts`), an owner
 * (limited by `allowedOwners`) and a name. The value is Backstage's
 * `host?owner=…&repo=…`, which `parseRepoUrl` reads in the template.
 */
export function RepoUrlPickerField(props: FieldProps<string>) {
  const options = getUiOptions(props.uiSchema) as RepoUrlPickerOptions;
  const integrations = useQuery({
    queryKey: ['scaffolder', 'integrations'],
    queryFn: ({ signal }) => scaffolderClient.listIntegrations({}, { signal }),
    staleTime: 5 * 60_000,
  });
  const allHosts = integrations.data?.hosts ?? [];
  const hosts = options.allowedHosts?.length ? allHosts.filter((h) => options.allowedHosts!.includes(h.host)) : allHosts;
  const parts = readRepoUrl(props.formData);
  const errors = props.rawErrors ?? [];
  const id = props.fieldPathId.$id;

  const update = (change: Partial<typeof parts>) => {
    const next = { ...parts, ...change };
    props.onChange(next.host || next.owner || next.repo ? formatRepoUrl(next) : undefined, props.fieldPathId.path);
  };

  // One host, or one allowed owner, is chosen for the user rather than asked.
  const onlyHost = hosts.length === 1 ? hosts[0]!.host : undefined;
  const onlyOwner = options.allowedOwners?.length === 1 ? options.allowedOwners[0] : undefined;
  useEffect(() => {
    if ((onlyHost && !parts.host) || (onlyOwner && !parts.owner)) {
      update({ ...(onlyHost && !parts.host ? { host: onlyHost } : {}), ...(onlyOwner && !parts.owner ? { owner: onlyOwner } : {}) });
    }
  }, [onlyHost, onlyOwner, parts.host, parts.owner]);

  const noHost = integrations.isSuccess && hosts.length === 0;
  const partField = (part: 'owner' | 'repo', label: string, helperText: string) => (
    <TextField
      id={`${id}-${part}`}
      label={label}
      value={parts[part]}
      required
      fullWidth
      margin="normal"
      disabled={props.disabled || props.readonly}
      onChange={(event) => update({ [part]: event.target.value.trim() })}
      helperText={helperText}
    />
  );
  return (
    <Box role="group" aria-labelledby={`${id}-title`} sx={{ mt: 1 }}>
      <Typography id={`${id}-title`} variant="subtitle1" sx={{ mb: 0.5 }}>
        {props.schema.title ?? 'Repository location'}
        {props.required ? ' *' : ''}
      </Typography>
      {props.schema.description && (
        <Typography variant="body2" color="text.secondary">
          {props.schema.description}
        </Typography>
      )}
      <FormControl fullWidth margin="normal" error={noHost || integrations.isError} required>
        <InputLabel id={`${id}-host-label`}>Host</InputLabel>
        <Select
          labelId={`${id}-host-label`}
          id={`${id}-host`}
          label="Host"
          value={hosts.some((h) => h.host === parts.host) ? parts.host : ''}
          disabled={props.disabled || props.readonly}
          onChange={(event) => update({ host: String(event.target.value) })}
        >
          {hosts.map((h) => (
            <MenuItem key={h.host} value={h.host}>
              {h.title}
            </MenuItem>
          ))}
        </Select>
        <FormHelperText>
          {integrations.isError
            ? 'The configured Git hosts could not be loaded; reload the page'
            : noHost
              ? `No configured Git host is allowed by this template${options.allowedHosts?.length ? ` (it allows ${options.allowedHosts.join(', ')})` : ''}. Ask an administrator to add one under integrations.`
              : 'The Git host that will hold the repository'}
        </FormHelperText>
      </FormControl>
      {options.allowedOwners?.length ? (
        <Autocomplete
          id={`${id}-owner`}
          options={options.allowedOwners}
          value={parts.owner || null}
          disabled={props.disabled || props.readonly}
          onChange={(_event, owner) => update({ owner: owner ?? '' })}
          renderInput={(params) => <TextField {...params} label="Owner" required margin="normal" helperText={OWNER_HELP} />}
        />
      ) : (
        partField('owner', 'Owner', OWNER_HELP)
      )}
      {partField('repo', 'Repository', "The new repository's name")}
      {errors.length > 0 && (
        <FormHelperText id={`${id}-help`} error>
          {errors.join('; ')}
        </FormHelperText>
      )}
    </Box>
  );
}
