import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { useDebouncedValue } from '@callboard/frontend-plugin-api';
import { catalogClient } from './catalogClient.ts';
import { completeEntityRef, pickerOption, pickerQuery, type CatalogFilterOption, type PickerOption } from './entityQuery.ts';

interface EntityPickerOptions {
  catalogFilter?: CatalogFilterOption | CatalogFilterOption[];
  allowedKinds?: string[];
  defaultKind?: string;
  defaultNamespace?: string;
  allowArbitraryValues?: boolean;
}

/**
 * Picks a catalog entity by typing: each pause in typing asks the catalog for
 * the first 20 matches of the picker's filter, so it stays fast however large
 * the catalog is. The value is the entity's ref (`group:default/payments`).
 */
export function EntityPickerField(props: FieldProps<string> & { defaultKinds?: string[]; fallbackKind?: string }) {
  const options = getUiOptions(props.uiSchema) as EntityPickerOptions & Record<string, unknown>;
  const [input, setInput] = useState('');
  const term = useDebouncedValue(input, 200);
  const defaultKind = options.defaultKind ?? props.fallbackKind;
  const query = pickerQuery({
    ...(options.catalogFilter ? { catalogFilter: options.catalogFilter } : {}),
    ...(options.allowedKinds ? { allowedKinds: options.allowedKinds } : {}),
    ...(props.defaultKinds ? { defaultKinds: props.defaultKinds } : {}),
    term,
  });
  const result = useQuery({
    queryKey: ['scaffolder', 'picker', query],
    queryFn: ({ signal }) => catalogClient.getEntitiesByQuery({ query: query as never }, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const found: PickerOption[] = (result.data?.items ?? []).map((entity) => pickerOption(entity as never));
  const value = props.formData ?? null;
  const selected = value ? (found.find((o) => o.ref === value) ?? { ref: value, label: value, secondary: '' }) : null;
  const arbitrary = options.allowArbitraryValues !== false;
  const title = props.schema.title ?? props.name;
  const help = props.schema.description;
  const errors = props.rawErrors ?? [];
  const id = props.fieldPathId.$id;

  const commitText = (text: string) => {
    if (!arbitrary) return;
    const ref = completeEntityRef(text, { ...(defaultKind ? { defaultKind } : {}), defaultNamespace: options.defaultNamespace ?? 'default' });
    props.onChange(ref ?? (text.trim() || undefined), props.fieldPathId.path);
  };

  return (
    <Autocomplete<PickerOption, false, false, boolean>
      id={id}
      freeSolo={arbitrary}
      options={found}
      value={selected}
      loading={result.isFetching}
      filterOptions={(x) => x}
      disabled={props.disabled || props.readonly}
      isOptionEqualToValue={(a, b) => (typeof a === 'string' ? a : a.ref) === (typeof b === 'string' ? b : b.ref)}
      getOptionLabel={(option) => (typeof option === 'string' ? option : option.label === option.ref ? option.ref : `${option.label} (${option.ref})`)}
      onInputChange={(_event, text, reason) => {
        if (reason === 'input') setInput(text);
        if (reason === 'clear') setInput('');
      }}
      onChange={(_event, next) => {
        if (next === null) props.onChange(undefined, props.fieldPathId.path);
        else if (typeof next === 'string') commitText(next);
        else props.onChange(next.ref, props.fieldPathId.path);
      }}
      onBlur={(event) => {
        const text = (event.target as HTMLInputElement).value;
        if (arbitrary && text && text !== (selected ? (selected.label === selected.ref ? selected.ref : `${selected.label} (${selected.ref})`) : '')) commitText(text);
      }}
      noOptionsText={result.isError ? 'The catalog could not be searched; try again' : term ? `Nothing in the catalog matches “${term}”` : 'Type to search the catalog'}
      renderOption={(optionProps, option) => {
        const { key, ...rest } = optionProps as typeof optionProps & { key: string };
        return (
          <Box component="li" key={key} {...rest} sx={{ display: 'block !important' }}>
            <Typography variant="body2">{option.label}</Typography>
            <Typography variant="caption" color="text.secondary">
              {option.secondary}
            </Typography>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={title}
          required={props.required}
          autoFocus={Boolean(props.uiSchema?.['ui:autofocus'])}
          error={errors.length > 0}
          helperText={errors.length > 0 ? errors.join('; ') : (help ?? (arbitrary ? 'Search the catalog, or type a ref' : 'Search the catalog'))}
          margin="normal"
        />
      )}
    />
  );
}

/** EntityPicker limited, unless the template says otherwise, to groups and users. */
export function OwnerPickerField(props: FieldProps<string>) {
  return <EntityPickerField {...props} defaultKinds={['Group', 'User']} fallbackKind="group" />;
}
