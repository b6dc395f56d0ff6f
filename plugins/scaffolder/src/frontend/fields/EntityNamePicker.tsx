import TextField from '@mui/material/TextField';
import type { FieldProps } from '@rjsf/utils';

const NAME = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;

/** The catalog's rule for metadata.name, said the way a person can act on. */
export function entityNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.length > 63) return 'At most 63 characters';
  if (!NAME.test(value)) return 'Letters, digits and single - _ . between them, e.g. payments-api';
  return undefined;
}

export function EntityNamePickerField(props: FieldProps<string>) {
  const errors = props.rawErrors ?? [];
  return (
    <TextField
      id={props.fieldPathId.$id}
      label={props.schema.title ?? props.name}
      value={props.formData ?? ''}
      required={props.required}
      disabled={props.disabled || props.readonly}
      autoFocus={Boolean(props.uiSchema?.['ui:autofocus'])}
      onChange={(event) => props.onChange(event.target.value === '' ? undefined : event.target.value, props.fieldPathId.path)}
      error={errors.length > 0}
      helperText={errors.length > 0 ? errors.join('; ') : (props.schema.description ?? 'A unique name: letters, digits and dashes')}
      fullWidth
      margin="normal"
    />
  );
}
