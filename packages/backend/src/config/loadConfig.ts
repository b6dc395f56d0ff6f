import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { StartupError } from '../StartupError.ts';

export interface LoadedConfig {
  data: Record<string, unknown>;
  baseDir: string;
  /** The files that were read, in overlay order. */
  files: string[];
}

export interface LoadConfigOptions {
  /** Folder holding app-config.yaml and app-config.local.yaml. */
  rootDir: string;
  /** Extra files given with --config, applied last, in order. */
  extraFiles?: string[];
  env?: Record<string, string | undefined>;
  /** Skip app-config.yaml/app-config.local.yaml and read only extraFiles. */
  onlyExtraFiles?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Later files win; objects merge key by key, arrays and scalars replace. */
export function mergeConfig(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? mergeConfig(existing, value) : value;
  }
  return out;
}

/**
 * Replaces `${NAME}` and `${NAME:-fallback}` inside strings. A string that is
 * exactly one reference to an unset variable with no fallback becomes absent,
 * so optional settings can come from the environment; `$${` escapes.
 */
export function substituteEnv(value: Json, env: Record<string, string | undefined>, where: string): Json | undefined {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value);
    if (whole && env[whole[1]!] === undefined) return undefined;
    return value.replace(/\$(\$?)\{([^}]*)\}/g, (match, escaped: string, body: string) => {
      if (escaped) return match.slice(1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/.exec(body);
      if (!m) throw new StartupError(`Invalid config at ${where}: '\${${body}}' is not a valid \${ENV_VAR} reference`);
      const envValue = env[m[1]!];
      if (envValue !== undefined && envValue !== '') return envValue;
      if (m[2] !== undefined) return m[2];
      return '';
    });
  }
  if (Array.isArray(value)) {
    return value
      .map((item, i) => substituteEnv(item, env, `${where}[${i}]`))
      .filter((v): v is Json => v !== undefined);
  }
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = substituteEnv(item as Json, env, where ? `${where}.${key}` : key);
      if (next !== undefined) out[key] = next;
    }
    return out;
  }
  return value;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new StartupError(`Cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0];
    throw new StartupError(
      `Config file ${file}${line ? ` line ${line.line}, column ${line.col}` : ''} is not valid YAML: ${first.message.split('\n')[0]}`,
    );
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) {
    throw new StartupError(`Config file ${file} must hold a YAML mapping at the top level`);
  }
  return data;
}

/** app-config.yaml, then app-config.local.yaml if present, then each --config file. */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const env = options.env ?? process.env;
  const files: string[] = [];
  if (!options.onlyExtraFiles) {
    files.push(path.resolve(options.rootDir, 'app-config.yaml'));
    const local = path.resolve(options.rootDir, 'app-config.local.yaml');
    if (fs.existsSync(local)) files.push(local);
  }
  for (const extra of options.extraFiles ?? []) files.push(path.resolve(extra));
  if (files.length === 0) throw new StartupError('No config files to read');

  let data: Record<string, unknown> = {};
  for (const file of files) {
    const raw = readConfigFile(file);
    const substituted = substituteEnv(raw as Json, env, '') as Record<string, unknown>;
    data = mergeConfig(data, substituted);
  }
  return { data, baseDir: path.dirname(files[0]!), files };
}

/** Parses `--config <file>` (repeatable) and `--config=<file>` from argv. */
export function configFilesFromArgv(argv: readonly string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config') {
      const next = argv[i + 1];
      if (!next) throw new StartupError('--config needs a file path');
      files.push(next);
      i++;
    } else if (arg.startsWith('--config=')) {
      files.push(arg.slice('--config='.length));
    }
  }
  return files;
}
