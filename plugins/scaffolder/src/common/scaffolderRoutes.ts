import { z } from 'zod';
import { defineRoutes } from '@callboard/common';

export const actionDescriptionSchema = z.object({
  id: z.string(),
  description: z.string().optional(),
  // JSON Schemas, derived from each action's zod schemas, as Backstage lists them.
  schema: z.object({
    input: z.record(z.string(), z.unknown()).optional(),
    output: z.record(z.string(), z.unknown()).optional(),
  }),
  examples: z.array(z.object({ description: z.string(), example: z.string() })).optional(),
});

export type ActionDescription = z.output<typeof actionDescriptionSchema>;

const MAX_DRY_RUN_FILES = 2000;

export const directoryEntrySchema = z.object({
  path: z.string().min(1).max(1024),
  base64Content: z.string(),
  executable: z.boolean().optional(),
});

export type DirectoryEntry = z.output<typeof directoryEntrySchema>;

export const logEventSchema = z.object({
  body: z.object({
    message: z.string(),
    stepId: z.string().optional(),
    status: z.enum(['open', 'processing', 'completed', 'failed', 'skipped', 'cancelled']).optional(),
  }),
  createdAt: z.string().optional(),
});

export type LogEvent = z.output<typeof logEventSchema>;

export const dryRunRequestSchema = z.object({
  template: z.unknown(),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).optional(),
  directoryContents: z.array(directoryEntrySchema).max(MAX_DRY_RUN_FILES, `at most ${MAX_DRY_RUN_FILES} files`).default([]),
  /**
   * Callboard's addition: the folder inside directoryContents that holds the
   * template file, for repositories whose templates read sibling folders
   * (`../../skeletons`). Backstage's editor sends none: the root.
   */
  templatePath: z.string().max(1024).optional(),
});

export const dryRunResponseSchema = z.object({
  log: z.array(logEventSchema),
  directoryContents: z.array(directoryEntrySchema),
  output: z.record(z.string(), z.unknown()),
  // Backstage's TaskStep: the steps as the template wrote them, ids and names filled in.
  steps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      action: z.string(),
      input: z.record(z.string(), z.unknown()).optional(),
      if: z.union([z.string(), z.boolean()]).optional(),
      each: z.unknown().optional(),
    }),
  ),
});

export type DryRunResponse = z.output<typeof dryRunResponseSchema>;

export const templateParameterSchemaSchema = z.object({
  title: z.string(),
  description: z.string().optional(),
  presentation: z.record(z.string(), z.unknown()).optional(),
  /** One per wizard page: the page's JSON Schema, ui:* keys included. */
  steps: z.array(z.object({ title: z.string(), description: z.string().optional(), schema: z.record(z.string(), z.unknown()) })),
});

export type TemplateParameterSchema = z.output<typeof templateParameterSchemaSchema>;

export const integrationHostSchema = z.object({
  /** What RepoUrlPicker puts before `?owner=…&repo=…`, e.g. `github.com` or `local`. */
  host: z.string(),
  type: z.enum(['github', 'local']),
  /** How the picker names it. */
  title: z.string(),
});

export type IntegrationHost = z.output<typeof integrationHostSchema>;

export const scaffolderRoutes = defineRoutes({
  /** The Git hosts new repositories can be published to, for RepoUrlPicker. */
  listIntegrations: {
    method: 'GET',
    path: '/v2/integrations',
    response: z.object({ hosts: z.array(integrationHostSchema) }),
  },
  /** What the wizard renders for a template in the catalog, as Backstage's API serves it. */
  getTemplateParameterSchema: {
    method: 'GET',
    path: '/v2/templates/:namespace/:kind/:name/parameter-schema',
    params: z.object({ namespace: z.string().min(1), kind: z.string().min(1), name: z.string().min(1) }),
    response: templateParameterSchemaSchema,
  },
  listActions: {
    method: 'GET',
    path: '/v2/actions',
    response: z.array(actionDescriptionSchema),
  },
  dryRun: {
    method: 'POST',
    path: '/v2/dry-run',
    body: dryRunRequestSchema,
    response: dryRunResponseSchema,
  },
});
