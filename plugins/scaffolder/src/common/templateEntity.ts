import { z } from 'zod';
import { formatProblem, validateEntity, type Entity } from '@callboard/catalog-model';

export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

/** A JSON Schema for one page of the wizard; kept loose, as JSON Schema is open. */
export type TemplateParameterPage = Record<string, unknown>;

export const templateStepSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  action: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  // Runs the step once per item of the list (or entry of the mapping) it renders to.
  each: z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
});

export type TemplateStep = z.output<typeof templateStepSchema>;

const outputLinkSchema = z.looseObject({
  if: z.union([z.string(), z.boolean()]).optional(),
  url: z.string().optional(),
  entityRef: z.string().optional(),
  title: z.string().optional(),
  icon: z.string().optional(),
});

const outputTextSchema = z.looseObject({
  if: z.union([z.string(), z.boolean()]).optional(),
  title: z.string().optional(),
  icon: z.string().optional(),
  content: z.string().optional(),
});

export const templateOutputSchema = z.looseObject({
  links: z.array(outputLinkSchema).optional(),
  text: z.array(outputTextSchema).optional(),
});

/**
 * The parts of a v1beta3 Template the runner reads. Whether an entity is a
 * valid Template at all is the catalog model's verdict (the same one the
 * catalog gives); this schema then types the fields the scaffolder uses.
 */
export const templateSpecViewSchema = z.looseObject({
  type: z.string(),
  owner: z.string().optional(),
  parameters: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]).optional(),
  steps: z.array(templateStepSchema),
  output: templateOutputSchema.optional(),
});

export interface TemplateEntityV1beta3 extends Entity {
  apiVersion: typeof TEMPLATE_API_VERSION;
  kind: 'Template';
  spec: z.output<typeof templateSpecViewSchema>;
}

export type TemplateParse = { ok: true; template: TemplateEntityV1beta3 } | { ok: false; problems: string[] };

export function parseTemplateEntity(value: unknown): TemplateParse {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (record.kind !== 'Template' || record.apiVersion !== TEMPLATE_API_VERSION) {
    return {
      ok: false,
      problems: [`expected kind Template with apiVersion ${TEMPLATE_API_VERSION}, got kind ${String(record.kind)} with apiVersion ${String(record.apiVersion)}`],
    };
  }
  const checked = validateEntity(value);
  if (!checked.ok) return { ok: false, problems: checked.problems.map(formatProblem) };
  const spec = templateSpecViewSchema.safeParse(checked.entity.spec);
  if (!spec.success) {
    return { ok: false, problems: spec.error.issues.map((i) => `spec.${i.path.join('.')}: ${i.message}`) };
  }
  return { ok: true, template: { ...checked.entity, spec: spec.data } as TemplateEntityV1beta3 };
}

/** The wizard's pages: `parameters` may be one schema or a list of them. */
export function parameterPages(template: TemplateEntityV1beta3): TemplateParameterPage[] {
  const parameters = template.spec.parameters;
  if (parameters === undefined) return [];
  return Array.isArray(parameters) ? parameters : [parameters];
}
