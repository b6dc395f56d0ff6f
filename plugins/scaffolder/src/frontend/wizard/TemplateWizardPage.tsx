import { useMemo } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Link from '@mui/material/Link';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ErrorPanel, LoadingState, PageLayout } from '@callboard/frontend-plugin-api';
import { scaffolderClient, taskClient } from '../scaffolderApi.ts';
import { TemplateForm, type TemplateFormSubmission } from './TemplateForm.tsx';

/** `/create/templates/:namespace/:name`: one template's wizard. */
export function TemplateWizardPage() {
  const params = useParams();
  const namespace = params.namespace ?? 'default';
  const name = params.name ?? '';
  const navigate = useNavigate();
  const schema = useQuery({
    queryKey: ['scaffolder', 'parameter-schema', namespace, name],
    queryFn: ({ signal }) => scaffolderClient.getTemplateParameterSchema({ params: { namespace, kind: 'template', name } }, { signal }),
    staleTime: 60_000,
  });
  const create = useMutation({
    mutationFn: (submission: TemplateFormSubmission) =>
      taskClient.createTask({
        body: {
          templateRef: `template:${namespace}/${name}`,
          values: submission.values,
          ...(Object.keys(submission.secrets).length ? { secrets: submission.secrets } : {}),
        },
      }),
    onSuccess: ({ id }) => navigate(`/create/tasks/${encodeURIComponent(id)}`),
  });
  const pages = useMemo(() => schema.data?.steps ?? [], [schema.data]);

  return (
    <PageLayout
      title={schema.data?.title ?? 'Create'}
      subtitle={schema.data?.description}
      actions={
        <Link component={RouterLink} to="/create">
          All templates
        </Link>
      }
    >
      {schema.isPending ? (
        <LoadingState label="Loading the template…" />
      ) : schema.error ? (
        <ErrorPanel error={schema.error} title="This template cannot be used" onRetry={() => void schema.refetch()} />
      ) : (
        <TemplateForm
          pages={pages}
          onSubmit={(submission) => create.mutate(submission)}
          busy={create.isPending}
          error={create.error ? (create.error as Error).message : undefined}
        />
      )}
    </PageLayout>
  );
}
