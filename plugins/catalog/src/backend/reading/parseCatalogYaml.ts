import jsYaml from 'js-yaml';
import YAML from 'yaml';

export interface ParsedDocument {
  /** 1-based index of the document in the file. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  value: unknown;
}

export type ParseResult = { ok: true; documents: ParsedDocument[] } | { ok: false; error: string };

function lineFinder(text: string): (offset: number) => number {
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const DOCUMENT_MARKER = /^---(?:[ \t\r]|$)/;
const MARKER_WITH_CONTENT = /^---[ \t]+[^ \t\r#]/;

/**
 * The 1-based line where each document's content starts (undefined for an
 * empty document), found from the `---` markers, which YAML allows only at
 * the start of a line. Undefined for files with directives or `...` end
 * markers, which the thorough path handles.
 */
function documentLines(text: string): (number | undefined)[] | undefined {
  if (/^(%|\.\.\.)/m.test(text)) return undefined;
  const docs: (number | undefined)[] = [];
  let open = false;
  let found = false;
  let lineNo = 0;
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    const line = text.slice(from, to);
    from = to + 1;
    lineNo++;
    if (DOCUMENT_MARKER.test(line)) {
      open = true;
      found = MARKER_WITH_CONTENT.test(line);
      docs.push(found ? lineNo : undefined);
      continue;
    }
    if (found) continue;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (open) docs[docs.length - 1] = lineNo;
    else docs.push(lineNo);
    open = true;
    found = true;
  }
  return docs;
}

/**
 * The common case, several times faster than the thorough path: js-yaml
 * builds plain values directly. Files with anchors and aliases, and any file
 * js-yaml refuses, take the thorough path, which bounds alias expansion and
 * words the errors.
 */
export function parseFast(text: string): ParsedDocument[] | undefined {
  if (text.includes('&') && text.includes('*')) return undefined;
  const lines = documentLines(text);
  if (!lines) return undefined;
  let values: unknown[];
  try {
    values = jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (values.length !== lines.length) return undefined;
  const documents: ParsedDocument[] = [];
  lines.forEach((line, i) => {
    if (line !== undefined) documents.push({ index: i + 1, line, value: values[i] });
  });
  return documents;
}

/**
 * The yaml library: slower, but it bounds what aliases may expand to and
 * says exactly where a file is broken.
 */
export function parseThorough(text: string, source: string): ParseResult {
  let docs: YAML.Document.Parsed[];
  try {
    docs = YAML.parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true }) as YAML.Document.Parsed[];
  } catch (error) {
    return { ok: false, error: `${source}: ${(error as Error).message}` };
  }
  if (!Array.isArray(docs)) return { ok: false, error: `${source}: not a YAML stream` };
  const lineOf = lineFinder(text);
  const documents: ParsedDocument[] = [];
  for (const [i, doc] of docs.entries()) {
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0];
      const where = pos ? ` line ${pos.line}, column ${pos.col}` : '';
      const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { ok: false, error: `${source}${where}: ${message}` };
    }
    if (doc.contents === null) continue; // an empty document between separators
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      return { ok: false, error: `${source} document ${i + 1}: ${(error as Error).message}` };
    }
    documents.push({ index: i + 1, line: lineOf(doc.contents.range[0]), value });
  }
  return { ok: true, documents };
}

/**
 * Parses a multi-document catalog file. Any YAML error fails the whole file
 * with the line and column of the first error, so a half-parsed file never
 * replaces good entities. Aliases are bounded so a "billion laughs" file
 * cannot exhaust memory.
 */
export function parseCatalogYaml(text: string, source: string): ParseResult {
  const fast = parseFast(text);
  return fast ? { ok: true, documents: fast } : parseThorough(text, source);
}
