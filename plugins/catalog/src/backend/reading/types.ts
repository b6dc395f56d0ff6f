import type { ProcessedEntity } from '../processing/processEntity.ts';

/**
 * Where a catalog file was read from, so that relative targets and
 * placeholders inside it resolve against the same place and never leave it.
 */
export type ReadContext =
  | { kind: 'file'; root: string; file: string }
  | { kind: 'url'; url: string }
  | { kind: 'git'; root: string; file: string; remote: string };

export interface SourceDocument {
  value: unknown;
  /** The managed-by-location value: `file:/abs/path` or `url:https://…`. */
  sourceKey: string;
  /** For messages: the file, the document number and its first line. */
  where: string;
  /** The Location entity whose target led to this file, if any. */
  parentRef?: string;
  context: ReadContext;
  /** Set when the document could not be completed (a placeholder failed); its entity keeps its last good version. */
  error?: string;
  /** Validated and processed already, by processFileText (perhaps in a worker thread). */
  processed?: ProcessedEntity;
  /** Found invalid already, by processFileText: the message to report. */
  invalid?: string;
}

/** What one location (a root and every Location it leads to) holds right now. */
export type ReadOutcome =
  | { status: 'unchanged' }
  | { status: 'failed'; error: string; cause?: unknown }
  | {
      status: 'read';
      documents: SourceDocument[];
      problems: string[];
      /** Files inside the location that could not be read: their entities are kept as they were. */
      failedSources: string[];
      commit?: string;
    };

export interface SourceSpec {
  /** `type:target`, the key entities are owned by. */
  key: string;
  type: 'file' | 'url' | 'git' | 'github-org';
  target: string;
  branch?: string;
  glob?: string;
  /** For github-org: host and the path of the file in each repository. */
  host?: string;
  catalogPath?: string;
  /** Locations registered through the API may not read local files. */
  trusted: boolean;
  /** The managed-by-origin-location value of its entities. */
  originKey: string;
}
