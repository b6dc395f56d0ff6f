import fs from 'node:fs/promises';
import path from 'node:path';
import { parseCatalogYaml } from './parseCatalogYaml.ts';
import { resolvePlaceholders } from './placeholders.ts';
import { documentWhere, type FileOutcome, type FileToProcess } from '../processing/processFileText.ts';
import type { ReadContext, ReadOutcome, SourceDocument, SourceSpec } from './types.ts';
import { isPathInside } from '@callboard/backend-plugin-api';

export interface UrlReading {
  readUrl(url: string, options?: { maxBytes?: number }): Promise<{ notModified: true } | { notModified: false; text: string }>;
  isAllowed(url: string): boolean;
  resolve(base: string, relative: string): string;
}

export interface GitReading {
  sync(remote: string, options?: { branch?: string }): Promise<{ dir: string; commit: string; changed: boolean }>;
  /** Drops the mirrors of remotes no location reads any more. */
  prune(keep: readonly { remote: string; branch?: string }[]): Promise<string[]>;
  listFiles(dir: string, glob: string): Promise<string[]>;
}

export interface GithubReading {
  listRepos(host: string, org: string): Promise<{ name: string; defaultBranch: string; archived: boolean; htmlUrl: string }[]>;
  blobUrl(repo: { htmlUrl: string; defaultBranch: string }, filePath: string): string;
}

export interface ReaderDeps {
  urlReader: UrlReading;
  git: GitReading;
  github: GithubReading;
  maxFileBytes: number;
  /** Lists files under a folder matching a glob, relative paths. */
  listFiles(dir: string, glob: string): Promise<string[]>;
  /** Parses, validates and processes a file (processFileText), perhaps in a worker; absent when plugins process entities. */
  processFile?: ((file: FileToProcess) => Promise<FileOutcome>) | undefined;
}

interface Pending {
  type: 'file' | 'url';
  target: string;
  context?: ReadContext;
  parentRef?: string;
  /** The Location document that asked for this target, for messages. */
  requestedBy?: string;
}

const GLOB = /[*?[\]{}]/;


/**
 * Reads a location and every Location entity it leads to, depth first with
 * loop detection. Relative targets and placeholders resolve against the file
 * that holds them and may never leave the location's root: its folder, its
 * repository, or (for URLs) the reader's allow-list.
 */
export class LocationReader {
  constructor(private readonly deps: ReaderDeps) {}

  /** After a refresh of every location: the git mirrors of these specs stay, the rest go. */
  pruneGitMirrors(specs: readonly SourceSpec[]): Promise<string[]> {
    return this.deps.git.prune(specs.filter((s) => s.type === 'git').map((s) => ({ remote: s.target, ...(s.branch ? { branch: s.branch } : {}) })));
  }

  async read(spec: SourceSpec, previous: { commit?: string; lastError?: string }): Promise<ReadOutcome> {
    try {
      switch (spec.type) {
        case 'file': {
          if (!spec.trusted) return { status: 'failed', error: 'file locations can only be configured in app-config.yaml' };
          const file = path.resolve(spec.target);
          return await this.readTree([{ type: 'file', target: file, context: { kind: 'file', root: path.dirname(file), file } }], spec);
        }
        case 'url':
          return await this.readTree([{ type: 'url', target: spec.target }], spec);
        case 'git':
          return await this.readGit(spec, previous);
        case 'github-org':
          return await this.readGithubOrg(spec);
      }
    } catch (error) {
      return { status: 'failed', error: (error as Error).message, cause: error };
    }
  }

  private async readGit(spec: SourceSpec, previous: { commit?: string; lastError?: string }): Promise<ReadOutcome> {
    const mirror = await this.deps.git.sync(spec.target, spec.branch ? { branch: spec.branch } : {});
    // Same commit as the last good read: nothing in the repository can have changed.
    if (!mirror.changed && previous.commit === mirror.commit && !previous.lastError) return { status: 'unchanged' };
    const files = await this.deps.git.listFiles(mirror.dir, spec.glob ?? '**/catalog-info.yaml');
    const pending: Pending[] = files.sort().map((relative) => {
      const file = path.join(mirror.dir, relative);
      return { type: 'file', target: file, context: { kind: 'git', root: mirror.dir, file, remote: spec.target } };
    });
    const outcome = await this.readTree(pending, spec);
    return outcome.status === 'read' ? { ...outcome, commit: mirror.commit } : outcome;
  }

  private async readGithubOrg(spec: SourceSpec): Promise<ReadOutcome> {
    const host = spec.host ?? 'github.com';
    const repos = await this.deps.github.listRepos(host, spec.target);
    const pending: Pending[] = repos
      .filter((r) => !r.archived)
      .map((r) => ({ type: 'url' as const, target: this.deps.github.blobUrl(r, spec.catalogPath ?? 'catalog-info.yaml') }));
    return this.readTree(pending, spec, { missingIsFine: true });
  }

  private async readTree(roots: Pending[], spec: SourceSpec, options: { missingIsFine?: boolean } = {}): Promise<ReadOutcome> {
    const documents: SourceDocument[] = [];
    const problems: string[] = [];
    const failedSources: string[] = [];
    const visited = new Set<string>();
    const queue = [...roots];
    let rootFailure: string | undefined;
    let rootCause: unknown;
    while (queue.length) {
      const item = queue.shift()!;
      const isRoot = roots.includes(item);
      let read: { text: string; sourceKey: string; context: ReadContext } | undefined;
      try {
        read = await this.fetch(item, spec);
      } catch (error) {
        const message = (error as Error).message;
        if (options.missingIsFine && /not found|does not exist|404/i.test(message)) continue;
        if (isRoot && roots.length === 1) {
          rootFailure = message;
          rootCause = error;
        } else problems.push(item.requestedBy ? `${item.requestedBy}: target ${item.target}: ${message}` : message);
        failedSources.push(`${item.type}:${item.target}`);
        continue;
      }
      if (visited.has(read.sourceKey)) {
        if (item.requestedBy) problems.push(`${item.requestedBy}: target ${item.target} was already read; a Location loop was cut here`);
        continue;
      }
      visited.add(read.sourceKey);
      const label = read.sourceKey.replace(/^(file|url):/, '');
      const parsed = await this.parse(read.text, label, read.sourceKey, spec, item.parentRef);
      if (!parsed.ok) {
        if (isRoot && roots.length === 1) rootFailure = parsed.error;
        else problems.push(parsed.error);
        failedSources.push(read.sourceKey);
        continue;
      }
      for (const doc of parsed.documents) {
        const where = documentWhere(label, doc);
        const base = { sourceKey: read.sourceKey, where, context: read.context, ...(item.parentRef ? { parentRef: item.parentRef } : {}) };
        let value: unknown;
        if (doc.status === 'processed') {
          const processed = doc.processed;
          // A worker's entity is parsed only when asked for (outcomeTransfer.ts): only a Location's is needed here.
          value = processed.ref.startsWith('location:') ? processed.entity : undefined;
          documents.push({
            ...base,
            get value() {
              return processed.entity;
            },
            processed,
          });
        } else if (doc.status === 'invalid') {
          value = doc.value;
          documents.push({ ...base, value, invalid: doc.message });
        } else {
          const resolved = await resolvePlaceholders(doc.value, {
            readRelative: (target) => this.readRelative(read.context, target, spec),
            where,
          });
          value = resolved.value;
          documents.push({
            ...base,
            value: resolved.problems.length ? doc.value : value,
            ...(resolved.problems.length ? { error: resolved.problems.join('; ') } : {}),
          });
        }
        const location = asLocation(value);
        if (!location) continue;
        const parentRef = `location:${location.namespace}/${location.name}`;
        for (const target of location.targets) {
          const type = location.type ?? (read.context.kind === 'url' ? 'url' : 'file');
          try {
            for (const next of await this.expandTarget(read.context, type, target, spec)) {
              queue.push({ ...next, parentRef, requestedBy: where });
            }
          } catch (error) {
            const message = `${where}: target ${target}: ${(error as Error).message}`;
            if (location.presence !== 'optional') problems.push(message);
          }
        }
      }
    }
    if (rootFailure) return { status: 'failed', error: rootFailure, cause: rootCause };
    return { status: 'read', documents, problems, failedSources };
  }

  /**
   * Parses a file and, when the catalog has no processors or kinds from
   * plugins, validates and processes its documents too (deps.processFile,
   * which may run in a worker thread). Otherwise every document is left for
   * processDocuments, on the event loop, where plugins' code runs.
   */
  private async parse(text: string, label: string, sourceKey: string, spec: SourceSpec, parentRef: string | undefined): Promise<FileOutcome> {
    if (this.deps.processFile) {
      return this.deps.processFile({ text, label, sourceKey, originKey: spec.originKey, ...(parentRef ? { parentRef } : {}) });
    }
    const parsed = parseCatalogYaml(text, label);
    if (!parsed.ok) return parsed;
    return { ok: true, documents: parsed.documents.map((doc) => ({ index: doc.index, line: doc.line, status: 'pending', value: doc.value })) };
  }

  /** Turns one Location target into the files to read, checking it stays inside its root. */
  private async expandTarget(context: ReadContext, type: string, target: string, spec: SourceSpec): Promise<Pending[]> {
    if (type === 'url' || /^https?:\/\//i.test(target)) {
      const url = context.kind === 'url' ? this.deps.urlReader.resolve(context.url, target) : target;
      if (!/^https?:\/\//i.test(url)) throw new Error('a url target must be an absolute https URL');
      if (!this.deps.urlReader.isAllowed(url)) {
        throw new Error(`reading ${url} is not allowed: its host is not in backend.reading.allow or integrations`);
      }
      return [{ type: 'url', target: url }];
    }
    if (type !== 'file') throw new Error(`Location type '${type}' is not supported here; use file or url`);
    if (context.kind === 'url') throw new Error('a file read from a URL cannot point at local files');
    if (!spec.trusted && context.kind !== 'git') throw new Error('locations registered through the API cannot read local files');
    if (path.isAbsolute(target)) throw new Error('absolute paths are not allowed; give a path relative to this file');
    const base = path.dirname(context.file);
    if (GLOB.test(target)) {
      const matches = await this.deps.listFiles(base, target);
      return matches
        .map((relative) => path.resolve(base, relative))
        .filter((file) => isPathInside(context.root, file))
        .sort()
        .map((file) => ({ type: 'file' as const, target: file, context: { ...context, file } }));
    }
    const file = path.resolve(base, target);
    if (!isPathInside(context.root, file)) {
      throw new Error(`it resolves to ${file}, outside ${context.kind === 'git' ? 'the repository' : `the location's folder ${context.root}`}; refused`);
    }
    return [{ type: 'file', target: file, context: { ...context, file } }];
  }

  private async fetch(item: Pending, spec: SourceSpec): Promise<{ text: string; sourceKey: string; context: ReadContext }> {
    if (item.type === 'url') {
      const result = await this.deps.urlReader.readUrl(item.target, { maxBytes: this.deps.maxFileBytes });
      if (result.notModified) throw new Error(`${item.target} answered "not modified" to a plain read`);
      return { text: result.text, sourceKey: `url:${item.target}`, context: { kind: 'url', url: item.target } };
    }
    const context = item.context;
    // A git location's files are the repository's, mirrored by Callboard, so any location may read them.
    if (!spec.trusted && context?.kind !== 'git') throw new Error('locations registered through the API cannot read local files');
    if (!context || context.kind === 'url') throw new Error(`no folder to read ${item.target} from`);
    // A repository may hold a symlink to anywhere on the server; only files really inside the mirror are read.
    if (context.kind === 'git') await checkRealInside(context.root, item.target);
    const text = await readLocalFile(item.target, this.deps.maxFileBytes);
    return { text, sourceKey: `file:${item.target}`, context };
  }

  /** Reads a placeholder's target relative to the file that holds it. */
  private async readRelative(context: ReadContext, target: string, spec: SourceSpec): Promise<string> {
    const [first] = await this.expandTarget(context, /^https?:\/\//i.test(target) || context.kind === 'url' ? 'url' : 'file', target, spec);
    if (!first) throw new Error(`${target} matched no file`);
    return (await this.fetch(first, spec)).text;
  }
}

async function checkRealInside(root: string, file: string): Promise<void> {
  const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file).catch(() => undefined)]);
  if (realFile !== undefined && !isPathInside(realRoot, realFile)) throw new Error(`${file} is a symlink leading outside the repository; refused`);
}

async function readLocalFile(file: string, maxBytes: number): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file}: ${code ?? String(error)}`);
  }
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  if (stat.size > maxBytes) {
    throw new Error(`${file} is ${stat.size} bytes, over the ${maxBytes} byte limit for catalog files (catalog.maxFileBytes)`);
  }
  return fs.readFile(file, 'utf8');
}

function asLocation(value: unknown): { name: string; namespace: string; type?: string; targets: string[]; presence?: string } | undefined {
  const v = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown }; spec?: Record<string, unknown> } | null;
  if (!v || typeof v !== 'object' || typeof v.kind !== 'string' || v.kind.toLowerCase() !== 'location') return undefined;
  if (typeof v.metadata?.name !== 'string') return undefined;
  const spec = v.spec ?? {};
  const targets = [
    ...(typeof spec.target === 'string' ? [spec.target] : []),
    ...(Array.isArray(spec.targets) ? spec.targets.filter((t): t is string => typeof t === 'string') : []),
  ];
  return {
    name: v.metadata.name,
    namespace: typeof v.metadata.namespace === 'string' ? v.metadata.namespace : 'default',
    ...(typeof spec.type === 'string' ? { type: spec.type } : {}),
    targets,
    ...(typeof spec.presence === 'string' ? { presence: spec.presence } : {}),
  };
}
