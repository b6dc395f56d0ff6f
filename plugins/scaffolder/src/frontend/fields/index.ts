import type { RegistryFieldsType } from '@rjsf/utils';
import { getUiOptions } from '@rjsf/utils';
import { EntityNamePickerField, entityNameProblem } from './EntityNamePicker.tsx';
import { EntityPickerField, OwnerPickerField } from './EntityPicker.tsx';
import { EntityTagsPickerField, tagProblem } from './EntityTagsPicker.tsx';
import { RepoUrlPickerField } from './RepoUrlPicker.tsx';
import { repoUrlProblem } from './repoUrlValue.ts';
import { SecretField } from './SecretField.tsx';

/** The custom fields templates name with `ui:field`, under Backstage's names. */
export const scaffolderFields: RegistryFieldsType = {
  EntityPicker: EntityPickerField,
  OwnerPicker: OwnerPickerField,
  EntityNamePicker: EntityNamePickerField,
  EntityTagsPicker: EntityTagsPickerField,
  RepoUrlPicker: RepoUrlPickerField,
  Secret: SecretField,
};

type FieldCheck = (value: unknown, uiSchema: Record<string, unknown>) => string | undefined;

/** Checks a custom field makes beyond its JSON Schema, run with the form's own validation. */
export const fieldChecks: Record<string, FieldCheck> = {
  EntityNamePicker: (value) => entityNameProblem(value),
  EntityTagsPicker: (value) => (Array.isArray(value) ? value.map((t) => tagProblem(String(t))).find(Boolean) : undefined),
  RepoUrlPicker: (value, ui) => {
    if (value === undefined) return undefined;
    const options = getUiOptions(ui) as { allowedHosts?: string[]; allowedOwners?: string[] };
    return repoUrlProblem(value, options);
  },
};
