import { useMemo, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { parse as parseYaml } from 'yaml';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { ErrorPanel, PageLayout } from '@callboard/frontend-plugin-api';
import { parameterPages, parseTemplateEntity } from '../../common/templateEntity.ts';
import type { DryRunResponse } from '../../common/scaffolderRoutes.ts';
import { scaffolderClient } from '../scaffolderApi.ts';
import { TemplateForm, type TemplateFormSubmission } from '../wizard/TemplateForm.tsx';
import type { WizardPage } from '../wizard/pageForm.ts';
import {
  decodeText,
  findTemplateFile,
  folderOf,
  MAX_FOLDER_BYTES,
  relativeToPickedFolder,
  toBase64,
  withEditedTemplate,
  type LoadedFolder,
} from './editorFiles.ts';
import { STARTER_TEMPLATE } from './starterTemplate.ts';

type Parsed = { ok: true; pages: WizardPage[]; template: unknown } | { ok: false; problem: string };

function parseTemplateText(text: string): Parsed {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    return { ok: false, problem: `The YAML does not parse: ${(error as Error).message}` };
  }
  const parsed = parseTemplateEntity(value);
  if (!parsed.ok) return { ok: false, problem: parsed.problems.join('\n') };
  const pages = parameterPages(parsed.template).map((page) => ({
    title: typeof page.title === 'string' ? page.title : 'Please enter the following information',
    ...(typeof page.description === 'string' ? { description: page.description } : {}),
    schema: page,
  }));
  return { ok: true, pages, template: value };
}

async function readFolder(list: FileList): Promise<LoadedFolder> {
  const files = [...list];
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  if (bytes > MAX_FOLDER_BYTES) {
    throw new Error(`The folder holds ${Math.round(bytes / 1024)} KB; the editor can send at most ${MAX_FOLDER_BYTES / 1024} KB to a dry-run. Pick the template's own folder.`);
  }
  const entries = await Promise.all(
    files.map(async (file) => {
      const content = new Uint8Array(await file.arrayBuffer());
      const path = relativeToPickedFolder(file.webkitRelativePath || file.name);
      const text = /\.ya?ml$/i.test(path) ? new TextDecoder().decode(content) : undefined;
      return { path, base64Content: toBase64(content), ...(text !== undefined ? { text } : {}) };
    }),
  );
  const templateFile = findTemplateFile(entries);
  if (!templateFile) throw new Error('No template.yaml (or YAML file of kind Template) in that folder');
  return {
    files: entries.map(({ path, base64Content }) => ({ path, base64Content })),
    templateFile,
    templateText: entries.find((e) => e.path === templateFile)!.text ?? '',
    bytes,
  };
}

function DryRunResult(props: { result: DryRunResponse }) {
  const { result } = props;
  const files = useMemo(() => [...result.directoryContents].sort((a, b) => a.path.localeCompare(b.path)), [result]);
  const [selected, setSelected] = useState<string | undefined>(files[0]?.path);
  const file = files.find((f) => f.path === selected);
  const text = file ? decodeText(file.base64Content) : undefined;
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 2 }} component="section" aria-label="Dry-run result">
      <Typography variant="h6" component="h2">
        Dry-run result
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '280px 1fr' }, mt: 1 }}>
        <Box>
          <Typography variant="subtitle2" component="h3">
            Files ({files.length})
          </Typography>
          {files.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              The template wrote no files.
            </Typography>
          ) : (
            <List dense aria-label="Rendered files" sx={{ maxHeight: 420, overflow: 'auto' }}>
              {files.map((f) => (
                <ListItemButton key={f.path} selected={f.path === selected} onClick={() => setSelected(f.path)}>
                  <ListItemText primary={f.path} slotProps={{ primary: { sx: { fontFamily: 'monospace', fontSize: 13, wordBreak: 'break-all' } } }} />
                </ListItemButton>
              ))}
            </List>
          )}
        </Box>
        <Box sx={{ minWidth: 0 }}>
          {file && (
            <>
              <Typography variant="subtitle2" component="h3" sx={{ fontFamily: 'monospace' }}>
                {file.path}
              </Typography>
              <Box component="pre" aria-label="File content" sx={{ m: 0, mt: 1, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, maxHeight: 420, overflow: 'auto', fontSize: 13 }}>
                {text ?? `Binary file, ${Math.round((file.base64Content.length * 3) / 4)} bytes`}
              </Box>
            </>
          )}
        </Box>
      </Box>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        Log
      </Typography>
      <Box component="pre" role="log" aria-label="Dry-run log" sx={{ m: 0, mt: 1, p: 1.5, bgcolor: 'grey.900', color: 'grey.100', borderRadius: 1, maxHeight: 300, overflow: 'auto', fontSize: 13, whiteSpace: 'pre-wrap' }}>
        {result.log.map((event) => event.body.message).join('\n')}
      </Box>
    </Paper>
  );
}

/**
 * `/create/edit`: write or load a template, fill in its form, and see what it
 * would produce, through dry-run: nothing is published or registered.
 */
export function TemplateEditorPage() {
  const [text, setText] = useState(STARTER_TEMPLATE);
  const [folder, setFolder] = useState<LoadedFolder | undefined>(undefined);
  const [folderError, setFolderError] = useState<string | undefined>(undefined);
  const picker = useRef<HTMLInputElement>(null);
  const parsed = useMemo(() => parseTemplateText(text), [text]);
  const pagesKey = parsed.ok ? JSON.stringify(parsed.pages) : 'invalid';
  const dryRun = useMutation({
    mutationFn: (submission: TemplateFormSubmission & { template: unknown }) =>
      scaffolderClient.dryRun({
        body: {
          template: submission.template,
          values: submission.values,
          ...(Object.keys(submission.secrets).length ? { secrets: submission.secrets } : {}),
          directoryContents: folder ? withEditedTemplate(folder, text) : [],
          ...(folder && folderOf(folder.templateFile) ? { templatePath: folderOf(folder.templateFile) } : {}),
        },
      }),
  });

  const onFolder = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setFolderError(undefined);
    try {
      const loaded = await readFolder(list);
      setFolder(loaded);
      setText(loaded.templateText);
      dryRun.reset();
    } catch (error) {
      setFolderError((error as Error).message);
    }
  };

  return (
    <PageLayout
      title="Template editor"
      subtitle="Edit a template, fill in its form and see the files it would produce. Dry-runs publish and register nothing."
      actions={<Button component={RouterLink} to="/create">All templates</Button>}
    >
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
            <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>
              {folder ? folder.templateFile : 'template.yaml'}
            </Typography>
            <input
              ref={picker}
              type="file"
              hidden
              aria-label="Template folder"
              // Chromium's attribute for picking a whole folder; React passes it through as written.
              {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
              multiple
              onChange={(event) => void onFolder(event.target.files)}
            />
            <Button size="small" onClick={() => picker.current?.click()}>
              Load a template folder
            </Button>
            <Button
              size="small"
              onClick={() => {
                setFolder(undefined);
                setText(STARTER_TEMPLATE);
                dryRun.reset();
              }}
            >
              Start over
            </Button>
          </Stack>
          {folder && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {folder.files.length} files loaded ({Math.round(folder.bytes / 1024)} KB); the skeleton is read from them.
            </Typography>
          )}
          {folderError && (
            <Alert severity="error" sx={{ mb: 1 }}>
              {folderError}
            </Alert>
          )}
          <Box
            component="textarea"
            aria-label="Template YAML"
            spellCheck={false}
            value={text}
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)}
            sx={{
              width: '100%',
              minHeight: 520,
              fontFamily: 'monospace',
              fontSize: 13,
              p: 1.5,
              border: 1,
              borderColor: parsed.ok ? 'divider' : 'error.main',
              borderRadius: 1,
              bgcolor: 'background.default',
              color: 'text.primary',
              resize: 'vertical',
              boxSizing: 'border-box',
            }}
          />
          {!parsed.ok && (
            <Alert severity="error" sx={{ mt: 1, whiteSpace: 'pre-wrap' }} aria-label="Template problems">
              {parsed.problem}
            </Alert>
          )}
        </Paper>
        <Box sx={{ minWidth: 0 }}>
          {parsed.ok ? (
            <TemplateForm
              key={pagesKey}
              pages={parsed.pages}
              submitLabel="Dry run"
              busy={dryRun.isPending}
              onSubmit={(submission) => dryRun.mutate({ ...submission, template: parsed.template })}
            />
          ) : (
            <Alert severity="info">The form appears here once the template on the left is valid.</Alert>
          )}
          {dryRun.error && <ErrorPanel error={dryRun.error} title="The dry-run failed" />}
        </Box>
      </Box>
      {dryRun.data && <DryRunResult key={JSON.stringify(dryRun.data.directoryContents.map((f) => f.path))} result={dryRun.data} />}
    </PageLayout>
  );
}
