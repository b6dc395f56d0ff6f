import { isObject, splitUiSchema, type JsonObject } from './splitUiSchema.ts';
import { readRepoUrl } from '../../common/repoUrl.ts';

export interface ReviewRow {
  name: string;
  label: string;
  value: string;
}

export interface ReviewSection {
  title: string;
  rows: ReviewRow[];
}

const MASK = '••••••••';

/** Backstage's `ui:backstage.review` options: `show: false` hides a field, `mask` replaces it. */
function reviewOptions(ui: JsonObject): { show: boolean; mask?: string } {
  const backstage = isObject(ui['ui:backstage']) ? ui['ui:backstage'] : {};
  const review = isObject(backstage.review) ? backstage.review : {};
  const masked = ui['ui:widget'] === 'password' || ui['ui:field'] === 'Secret';
  const mask = typeof review.mask === 'string' ? review.mask : masked ? MASK : undefined;
  return { show: review.show !== false, ...(mask !== undefined ? { mask } : {}) };
}

function formatValue(value: unknown, ui: JsonObject): string {
  if (ui['ui:field'] === 'RepoUrlPicker' && typeof value === 'string') {
    const parsed = readRepoUrl(value);
    if (parsed.host && parsed.owner && parsed.repo) return `${parsed.owner}/${parsed.repo} on ${parsed.host}`;
  }
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * What the review step lists: every value the user gave, page by page,
 * labelled with the field's title, passwords and secrets masked, fields a
 * template hides from review left out. Fields the user left empty are not
 * shown, as they send nothing.
 */
export function reviewSections(pages: { title: string; schema: JsonObject }[], values: JsonObject): ReviewSection[] {
  const seen = new Set<string>();
  const sections: ReviewSection[] = [];
  for (const page of pages) {
    const { schema, uiSchema } = splitUiSchema(page.schema);
    const properties: JsonObject = {};
    // Fields that appear only inside dependencies branches are still the page's fields.
    const collect = (node: unknown) => {
      if (!isObject(node)) return;
      if (isObject(node.properties)) for (const [k, v] of Object.entries(node.properties)) if (!(k in properties)) properties[k] = v;
      for (const key of ['oneOf', 'anyOf', 'allOf'] as const) if (Array.isArray(node[key])) node[key].forEach(collect);
      if (isObject(node.dependencies)) Object.values(node.dependencies).forEach(collect);
    };
    collect(schema);
    const rows: ReviewRow[] = [];
    for (const [name, property] of Object.entries(properties)) {
      if (seen.has(name)) continue;
      const value = values[name];
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
      seen.add(name);
      const ui = isObject(uiSchema[name]) ? uiSchema[name] : {};
      const options = reviewOptions(ui);
      if (!options.show) continue;
      const label = isObject(property) && typeof property.title === 'string' ? property.title : name;
      rows.push({ name, label, value: options.mask ?? formatValue(value, ui) });
    }
    if (rows.length > 0) sections.push({ title: page.title, rows });
  }
  return sections;
}

/**
 * Values typed into password fields go to the task as secrets, not as
 * parameters, so they are never stored in clear or shown in its parameters.
 * Returns which top-level fields are secret.
 */
export function secretFieldNames(pages: { schema: JsonObject }[]): Set<string> {
  const names = new Set<string>();
  for (const page of pages) {
    const { uiSchema } = splitUiSchema(page.schema);
    for (const [name, ui] of Object.entries(uiSchema)) {
      if (isObject(ui) && (ui['ui:field'] === 'Secret')) names.add(name);
    }
  }
  return names;
}
