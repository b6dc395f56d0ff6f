/**
 * Where a documentation site's files come from: a folder on disk (a file
 * location or a Git mirror) or a web address. Paths are slash-separated and
 * relative to the site root, the folder that holds mkdocs.yml; a source
 * never answers for a path outside it.
 */
export interface DocsSource {
  /** For messages: the folder or URL. */
  readonly description: string;
  /** Undefined when the file does not exist. */
  readText(file: string, maxBytes: number): Promise<string | undefined>;
  readBytes(file: string, maxBytes: number): Promise<Buffer | undefined>;
  /**
   * Every file under `dir`, relative to `dir`; undefined when the source
   * cannot list (a plain URL), and then only the pages nav names are read.
   */
  listFiles(dir: string): Promise<string[] | undefined>;
  /** Last commit time of each file under `dir` (relative to it), where the source knows. */
  lastUpdated(dir: string): Promise<Map<string, string>>;
}

export class DocsSourceError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'refused' | 'invalid' | 'unavailable',
  ) {
    super(message);
    this.name = 'DocsSourceError';
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${file} is ${size} bytes, over the ${maxBytes} byte limit`);
    this.name = 'FileTooLargeError';
  }
}
