import { z } from 'zod';
import { describeValue } from './problems.ts';

/*
 * The spec of each built-in kind, as strict as Backstage's own kind schemas
 * and no stricter: required fields are non-empty strings, unknown spec fields
 * are allowed (Backstage's schemas do not close `spec`), and the format of the
 * references inside relation fields is checked separately, from the kind's
 * relation rules, the way Backstage checks it when it emits relations.
 */

type IssueMessage = (issue: z.core.$ZodRawIssue) => string | undefined;

function messages(what: string): IssueMessage {
  return (issue) => {
    if (issue.code === 'invalid_type') {
      return issue.input === undefined ? 'is required' : `expected ${what}, got ${describeValue(issue.input)}`;
    }
    if (issue.code === 'too_small') return 'must not be empty';
    return undefined;
  };
}

/** A non-empty string. */
export function nonEmptyString(what = 'a string') {
  return z.string({ error: messages(what) }).min(1);
}

/** One `[kind:][namespace/]name` reference. */
export const entityRefString = nonEmptyString('an entity reference string');

/** A list of references, e.g. spec.dependsOn. */
export const entityRefList = z.array(entityRefString, { error: messages('a list of entity reference strings') });

// Backstage's schemas leave spec.dependencyOf untyped; its processing accepts one ref or a list.
const entityRefOrList = z.union([entityRefString, entityRefList]);

const profileSchema = z.looseObject(
  {
    displayName: nonEmptyString().optional(),
    email: nonEmptyString().optional(),
    picture: nonEmptyString().optional(),
  },
  { error: messages('a mapping with displayName, email and picture') },
);

function specObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.looseObject(shape, { error: messages('a mapping') });
}

export const componentSpecSchema = specObject({
  type: nonEmptyString(),
  lifecycle: nonEmptyString(),
  owner: entityRefString,
  system: entityRefString.optional(),
  subcomponentOf: entityRefString.optional(),
  providesApis: entityRefList.optional(),
  consumesApis: entityRefList.optional(),
  dependsOn: entityRefList.optional(),
  dependencyOf: entityRefOrList.optional(),
});

export const apiSpecSchema = specObject({
  type: nonEmptyString(),
  lifecycle: nonEmptyString(),
  owner: entityRefString,
  // The catalog substitutes $text/$json/$openapi placeholders before validation, so this is the resolved text.
  definition: nonEmptyString('the API definition as a string (inline, or a $text placeholder)'),
  system: entityRefString.optional(),
});

export const resourceSpecSchema = specObject({
  type: nonEmptyString(),
  owner: entityRefString,
  dependsOn: entityRefList.optional(),
  dependencyOf: entityRefOrList.optional(),
  system: entityRefString.optional(),
});

export const systemSpecSchema = specObject({
  owner: entityRefString,
  domain: entityRefString.optional(),
  type: nonEmptyString().optional(),
});

export const domainSpecSchema = specObject({
  owner: entityRefString,
  subdomainOf: entityRefString.optional(),
  type: nonEmptyString().optional(),
});

export const groupSpecSchema = specObject({
  type: nonEmptyString(),
  profile: profileSchema.optional(),
  parent: entityRefString.optional(),
  // Required even when empty: Backstage refuses a Group without `children: []`.
  children: entityRefList,
  members: entityRefList.optional(),
});

export const userSpecSchema = specObject({
  profile: profileSchema.optional(),
  // Required even when empty, as in Backstage.
  memberOf: entityRefList,
});

export const locationSpecSchema = specObject({
  type: nonEmptyString().optional(),
  target: nonEmptyString().optional(),
  targets: z.array(nonEmptyString(), { error: messages('a list of location targets') }).optional(),
  presence: z
    .enum(['required', 'optional'], {
      error: (issue) => `expected "required" or "optional", got ${describeValue(issue.input)}`,
    })
    .optional(),
});

/*
 * Template (scaffolder.backstage.io/v1beta3), following the schema the
 * scaffolder's catalog module validates with: only `type` and `steps` are
 * required; `owner` is optional there too.
 */

const permissionsSchema = z.looseObject({ tags: z.array(z.string()).optional() }, { error: messages('a mapping') });

const parameterFormSchema = z.looseObject(
  { 'backstage:permissions': permissionsSchema.optional() },
  { error: messages('a form: a JSON Schema mapping') },
);

const conditionSchema = z.union([z.string(), z.boolean()], {
  error: (issue) => `expected a template expression string or true/false, got ${describeValue(issue.input)}`,
});

const stepSchema = z.looseObject(
  {
    id: z.string().optional(),
    name: z.string().optional(),
    action: z.string({ error: messages('an action id string, e.g. fetch:template') }),
    input: z.looseObject({}, { error: messages('a mapping of action inputs') }).optional(),
    if: conditionSchema.optional(),
    'backstage:permissions': permissionsSchema.optional(),
  },
  { error: messages('a step: a mapping with an action') },
);

const outputLinkSchema = z.looseObject(
  {
    if: conditionSchema.optional(),
    url: nonEmptyString().optional(),
    entityRef: nonEmptyString().optional(),
    title: nonEmptyString().optional(),
    icon: nonEmptyString().optional(),
  },
  { error: messages('a mapping') },
);

const outputTextSchema = z.looseObject(
  {
    if: conditionSchema.optional(),
    title: nonEmptyString().optional(),
    icon: nonEmptyString().optional(),
    content: z.string().optional(),
  },
  { error: messages('a mapping') },
);

const outputSchema = z
  .object(
    {
      links: z.array(outputLinkSchema, { error: messages('a list') }).optional(),
      text: z.array(outputTextSchema, { error: messages('a list') }).optional(),
    },
    { error: messages('a mapping') },
  )
  // Other outputs are template expressions, i.e. strings.
  .catchall(z.string({ error: messages('a string (a template expression)') }));

export const templateSpecSchema = specObject({
  type: nonEmptyString(),
  owner: entityRefString.optional(),
  lifecycle: nonEmptyString().optional(),
  parameters: z
    .union([parameterFormSchema, z.array(parameterFormSchema)], {
      error: (issue) =>
        `expected a JSON Schema mapping or a list of them (one per form page), got ${describeValue(issue.input)}`,
    })
    .optional(),
  steps: z.array(stepSchema, { error: messages('a list of steps') }),
  output: outputSchema.optional(),
  secrets: z.looseObject({ schema: z.looseObject({}).optional() }, { error: messages('a mapping') }).optional(),
  presentation: z
    .looseObject(
      {
        buttonLabels: z
          .looseObject({
            backButtonText: z.string().optional(),
            createButtonText: z.string().optional(),
            reviewButtonText: z.string().optional(),
          })
          .optional(),
      },
      { error: messages('a mapping') },
    )
    .optional(),
  EXPERIMENTAL_recovery: z.looseObject({ EXPERIMENTAL_strategy: z.string().optional() }).optional(),
  EXPERIMENTAL_formDecorators: z
    .array(z.looseObject({ id: z.string().optional(), input: z.looseObject({}).optional() }))
    .optional(),
});

export type ComponentSpec = z.infer<typeof componentSpecSchema>;
export type ApiSpec = z.infer<typeof apiSpecSchema>;
export type ResourceSpec = z.infer<typeof resourceSpecSchema>;
export type SystemSpec = z.infer<typeof systemSpecSchema>;
export type DomainSpec = z.infer<typeof domainSpecSchema>;
export type GroupSpec = z.infer<typeof groupSpecSchema>;
export type UserSpec = z.infer<typeof userSpecSchema>;
export type LocationSpec = z.infer<typeof locationSpecSchema>;
export type TemplateSpec = z.infer<typeof templateSpecSchema>;
