import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Form from '@rjsf/mui';
import { formValidator } from './formValidator.ts';
import { scaffolderFields } from '../fields/index.ts';
import { reviewSections, secretFieldNames } from './reviewRows.ts';
import { customValidate, pageForm, transformErrors, type WizardPage } from './pageForm.ts';
import type { JsonObject } from './splitUiSchema.ts';

export interface TemplateFormSubmission {
  values: JsonObject;
  secrets: Record<string, string>;
}

/**
 * The wizard: one page per parameters step, validated as the user goes, then
 * a review of everything before anything runs. Used by the template wizard
 * and by the template editor's preview.
 */
export function TemplateForm(props: {
  pages: WizardPage[];
  onSubmit: (submission: TemplateFormSubmission) => void;
  submitLabel?: string;
  busy?: boolean;
  error?: React.ReactNode;
  initialValues?: JsonObject;
  onChange?: (values: JsonObject) => void;
}) {
  const { pages } = props;
  const forms = useMemo(() => pages.map(pageForm), [pages]);
  const [active, setActive] = useState(0);
  const [values, setValues] = useState<JsonObject>(props.initialValues ?? {});
  const [attempted, setAttempted] = useState<Set<number>>(new Set());
  const reviewing = active >= pages.length;
  const secretNames = useMemo(() => secretFieldNames(pages), [pages]);

  const change = (next: JsonObject) => {
    setValues(next);
    props.onChange?.(next);
  };

  const submit = () => {
    const plain: JsonObject = {};
    const secrets: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (secretNames.has(name) && typeof value === 'string') secrets[name] = value;
      else if (value !== undefined) plain[name] = value;
    }
    props.onSubmit({ values: plain, secrets });
  };

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
      <Stepper activeStep={active} alternativeLabel sx={{ mb: 3 }} aria-label="Wizard steps">
        {pages.map((page, index) => (
          <Step key={index} completed={index < active}>
            <StepLabel>{page.title}</StepLabel>
          </Step>
        ))}
        <Step completed={false}>
          <StepLabel>Review</StepLabel>
        </Step>
      </Stepper>
      {!reviewing ? (
        <Box key={active} sx={{ maxWidth: 720, mx: 'auto' }}>
          <Typography variant="h5" component="h2">
            {pages[active]!.title}
          </Typography>
          {pages[active]!.description && (
            <Typography color="text.secondary" sx={{ mt: 0.5 }}>
              {pages[active]!.description}
            </Typography>
          )}
          <Form
            schema={forms[active]!.schema}
            uiSchema={forms[active]!.uiSchema}
            formData={values}
            validator={formValidator}
            fields={scaffolderFields}
            customValidate={customValidate}
            transformErrors={transformErrors}
            showErrorList={false}
            noHtml5Validate
            liveValidate={attempted.has(active) ? 'onChange' : undefined}
            onChange={(event) => change({ ...values, ...(event.formData as JsonObject) })}
            onError={() => setAttempted(new Set(attempted).add(active))}
            onSubmit={(event) => {
              change({ ...values, ...(event.formData as JsonObject) });
              setActive(active + 1);
            }}
          >
            <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', mt: 3 }}>
              <Button disabled={active === 0} onClick={() => setActive(active - 1)}>
                Back
              </Button>
              <Button type="submit" variant="contained">
                {active === pages.length - 1 ? 'Review' : 'Next'}
              </Button>
            </Box>
          </Form>
        </Box>
      ) : (
        <Box sx={{ maxWidth: 720, mx: 'auto' }}>
          <Typography variant="h5" component="h2" sx={{ mb: 1 }}>
            Review
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            Nothing has happened yet. Check the values, then {props.submitLabel?.toLowerCase() ?? 'create'}.
          </Typography>
          {reviewSections(pages, values).map((section) => (
            <Box key={section.title} sx={{ mb: 2 }}>
              <Typography variant="subtitle2" component="h3">
                {section.title}
              </Typography>
              <Table size="small" aria-label={`Review of ${section.title}`}>
                <TableBody>
                  {section.rows.map((row) => (
                    <TableRow key={row.name}>
                      <TableCell component="th" scope="row" sx={{ width: '35%', color: 'text.secondary' }}>
                        {row.label}
                      </TableCell>
                      <TableCell sx={{ wordBreak: 'break-word' }}>{row.value}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          ))}
          {props.error && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {props.error}
            </Alert>
          )}
          <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', mt: 3 }}>
            <Button disabled={props.busy} onClick={() => setActive(pages.length - 1)}>
              Back
            </Button>
            <Button variant="contained" disabled={props.busy} onClick={submit}>
              {props.busy ? 'Starting…' : (props.submitLabel ?? 'Create')}
            </Button>
          </Box>
        </Box>
      )}
    </Paper>
  );
}
