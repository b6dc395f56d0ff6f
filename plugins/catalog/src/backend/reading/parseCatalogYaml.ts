import YAML from 'yaml';

export interface ParsedDocument {
  /** 1-based index of the document in the file. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  value: unknown;
}

export type ParseResult = { ok: true; documents: ParsedDocument[] } | { ok: false; error: string };

/**
 * Parses a multi-document catalog file. Any YAML error fails the whole file
 * with the line and column of the first error, so a half-parsed file never
 * replaces good entities. Aliases are bounded so a "billion laughs" file
 * cannot exhaust memory.
 */
export function parseCatalogYaml(text: string, source: string): ParseResult {
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let docs: YAML.Document.Parsed[];
  try {
    docs = YAML.parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true }) as YAML.Document.Parsed[];
  } catch (error) {
    return { ok: false, error: `${source}: ${(error as Error).message}` };
  }
  if (!Array.isArray(docs)) return { ok: false, error: `${source}: not a YAML stream` };
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
    documents.push({ index: i + 1, line: lineOf(doc.range[0]), value });
  }
  return { ok: true, documents };
}
