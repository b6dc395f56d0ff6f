import type { z } from 'zod';

/** One thing wrong with an entity, located so a person can find it in their YAML. */
export interface EntityProblem {
  /** Where in the entity, e.g. `spec.owner` or `spec.dependsOn[1]`; `(document)` for the whole value. */
  path: string;
  message: string;
}

/** `spec.owner: expected an entity reference string`, the form logs and the UI show. */
export function formatProblem(problem: EntityProblem): string {
  return `${problem.path}: ${problem.message}`;
}

// Keys such as annotation names contain dots and slashes; quoting them keeps the path unambiguous.
const PLAIN_KEY = /^[A-Za-z_$][\w$:-]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (PLAIN_KEY.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out || '(document)';
}

/** Names a value the way a YAML author thinks of it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'a mapping';
    default:
      return `a ${typeof value}`;
  }
}

const TYPE_NOUNS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  map: 'a mapping',
  null: 'an empty value',
};

function expectedNoun(expected: unknown): string {
  return TYPE_NOUNS[String(expected)] ?? String(expected);
}

type RawIssue = z.core.$ZodRawIssue;

/**
 * Messages for issues the schemas did not word themselves. Passed per parse,
 * so the schemas of plugin-defined kinds read the same as the built-in ones.
 */
export function entityErrorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${expectedNoun(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'invalid_union': {
      const expected = new Set<string>();
      for (const branch of issue.errors) {
        for (const sub of branch) if (sub.code === 'invalid_type' && sub.path.length === 0) expected.add(expectedNoun(sub.expected));
      }
      if (issue.input === undefined) return 'is required';
      if (expected.size > 0) return `expected ${[...expected].join(' or ')}, got ${describeValue(issue.input)}`;
      return 'does not match any accepted form';
    }
    default:
      return undefined;
  }
}

type FinalIssue = z.core.$ZodIssue;

function flatten(issue: FinalIssue, prefix: readonly PropertyKey[], out: EntityProblem[]): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    // When the value had the right shape for one branch but wrong contents,
    // the problems inside that branch are what the author needs to see.
    const deep = issue.errors.filter((branch) => branch.some((sub) => sub.path.length > 0));
    if (deep.length === 1) {
      for (const sub of deep[0]!) flatten(sub, path, out);
      return;
    }
  }
  if (issue.code === 'invalid_key') {
    const reasons = issue.issues.map((sub) => sub.message).join('; ');
    out.push({ path: formatPath(path), message: `this key is not valid: ${reasons}` });
    return;
  }
  if (issue.code === 'invalid_element') {
    for (const sub of issue.issues) flatten(sub, path, out);
    return;
  }
  out.push({ path: formatPath(path), message: issue.message });
}

/** Turns a zod failure into located problems; `prefix` places a sub-schema (e.g. `spec`) in the entity. */
export function problemsFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): EntityProblem[] {
  const out: EntityProblem[] = [];
  for (const issue of error.issues) flatten(issue as FinalIssue, prefix, out);
  return out;
}
