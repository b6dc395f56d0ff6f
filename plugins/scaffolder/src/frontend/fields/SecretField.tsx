import TextField from '@mui/material/TextField';
import type { FieldProps } from '@rjsf/utils';

/** A value sent to the task as a secret: masked while typed, on review and in every log. */
export function SecretField(props: FieldProps<string>) {
  const errors = props.rawErrors ?? [];
  return (
    <TextField
      id={props.fieldPathId.$id}
      type="password"
      autoComplete="off"
      label={props.schema.title ?? props.name}
      value={props.formData ?? ''}
      required={props.required}
      disabled={props.disabled || props.readonly}
      onChange={(event) => props.onChange(event.target.value === '' ? undefined : event.target.value, props.fieldPathId.path)}
      error={errors.length > 0}
      helperText={errors.length > 0 ? errors.join('; ') : (props.schema.description ?? 'Sent to the task as a secret; never stored in clear')}
      fullWidth
      margin="normal"
    />
  );
}
