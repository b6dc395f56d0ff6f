import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { catalogClient } from './catalogClient.ts';

const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

/** The catalog's rule for a tag; the wizard refuses what the catalog would. */
export function tagProblem(tag: string): string | undefined {
  if (tag.length > 63) return `'${tag}' is longer than 63 characters`;
  if (!TAG.test(tag)) return `'${tag}' may hold only lower-case letters, digits and : + # with single dashes between`;
  return undefined;
}

/**
 * Tags, typed freely or chosen from the ones already in the catalog (most
 * used first), so a new service reuses the organisation's vocabulary.
 */
export function EntityTagsPickerField(props: FieldProps<string[]>) {
  const options = getUiOptions(props.uiSchema) as { kinds?: string[]; helperText?: string };
  const [input, setInput] = useState('');
  const kinds = options.kinds ?? [];
  const facets = useQuery({
    queryKey: ['scaffolder', 'tags', kinds],
    queryFn: ({ signal }) =>
      catalogClient.getEntityFacets({ query: { facet: ['metadata.tags'], ...(kinds.length ? { filter: [kinds.map((k) => `kind=${k}`).join(',')] } : {}) } as never }, { signal }),
    staleTime: 60_000,
  });
  const known = [...(facets.data?.facets['metadata.tags'] ?? [])].sort((a, b) => b.count - a.count).map((f) => f.value);
  const value = props.formData ?? [];
  const errors = props.rawErrors ?? [];
  const pending = input.trim().toLowerCase();
  const inputProblem = pending ? tagProblem(pending) : undefined;

  return (
    <Autocomplete<string, true, false, true>
      id={props.fieldPathId.$id}
      multiple
      freeSolo
      options={known}
      value={value}
      inputValue={input}
      disabled={props.disabled || props.readonly}
      onInputChange={(_event, text, reason) => {
        if (reason !== 'reset') setInput(text);
      }}
      onChange={(_event, next) => {
        const tags = [...new Set(next.map((t) => t.trim().toLowerCase()).filter(Boolean))];
        setInput('');
        props.onChange(tags.length ? tags : undefined, props.fieldPathId.path);
      }}
      renderValue={(tags, getItemProps) =>
        tags.map((tag, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} label={tag} size="small" color={tagProblem(tag) ? 'error' : 'default'} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={props.schema.title ?? props.name}
          required={props.required}
          error={errors.length > 0 || Boolean(inputProblem)}
          helperText={
            errors.length > 0
              ? errors.join('; ')
              : (inputProblem ?? options.helperText ?? props.schema.description ?? 'Press Enter after each tag; lower-case letters, digits and dashes')
          }
          margin="normal"
        />
      )}
    />
  );
}
