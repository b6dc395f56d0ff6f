import { parseDocument, type ScalarTag } from 'yaml';

/** What Callboard reads from mkdocs.yml; every other key (theme, plugins, extensions) is ignored. */
export interface MkdocsConfig {
  siteName?: string;
  docsDir: string;
  /** Raw nav as written; resolved against the files by `buildSiteLayout`. */
  nav?: unknown[];
  repoUrl?: string;
  editUri?: string;
  problems: string[];
}

export class MkdocsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MkdocsConfigError';
  }
}

/**
 * MkDocs files carry Python-specific tags (`!!python/name:…`, `!ENV`,
 * `!relative`). Unknown tags only warn in this parser, so each is read as
 * its plain value. `!include` (the monorepo plugin) keeps its marker so the
 * nav can say it is not supported rather than look for a page of that name.
 */
const includeTag: ScalarTag = { tag: '!include', resolve: (value: string) => `!include ${value}` };

/**
 * A setting written as `!ENV [NAME, …, default]` arrives as a list: the
 * written default is used, never the server's environment, which would leak
 * the server's secrets into pages.
 */
function settingValue(value: unknown): unknown {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value[value.length - 1];
  return value;
}

function optionalString(raw: unknown, key: string, problems: string[]): string | undefined {
  const value = settingValue(raw);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  problems.push(`${key} should be text; it was ignored`);
  return undefined;
}

export function parseMkdocsYaml(text: string, fileName = 'mkdocs.yml'): MkdocsConfig {
  const doc = parseDocument(text, {
    customTags: [includeTag],
    strict: false,
    uniqueKeys: false,
    prettyErrors: true,
  });
  const fatal = doc.errors[0];
  if (fatal) {
    const where = fatal.linePos?.[0] ? ` (line ${fatal.linePos[0].line}, column ${fatal.linePos[0].col})` : '';
    throw new MkdocsConfigError(`${fileName} is not valid YAML${where}: ${fatal.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new MkdocsConfigError(`${fileName} cannot be read: ${(error as Error).message}`);
  }
  if (value === null || value === undefined) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MkdocsConfigError(`${fileName} must be a mapping of settings such as site_name and nav`);
  }
  const raw = value as Record<string, unknown>;
  const problems: string[] = [];
  const docsDir = optionalString(raw['docs_dir'], 'docs_dir', problems) ?? 'docs';
  let nav: unknown[] | undefined;
  if (raw['nav'] !== undefined && raw['nav'] !== null) {
    if (Array.isArray(raw['nav'])) nav = raw['nav'];
    else problems.push('nav should be a list; the default navigation is used instead');
  }
  const siteName = optionalString(raw['site_name'], 'site_name', problems);
  const repoUrl = optionalString(raw['repo_url'], 'repo_url', problems);
  const editUri = optionalString(raw['edit_uri'], 'edit_uri', problems);
  return {
    ...(siteName ? { siteName } : {}),
    docsDir,
    ...(nav ? { nav } : {}),
    ...(repoUrl ? { repoUrl } : {}),
    ...(editUri !== undefined ? { editUri } : {}),
    problems,
  };
}
