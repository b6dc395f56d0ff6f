import fs from 'node:fs/promises';
import YAML from 'yaml';

export interface ParsedDocument {
  /** 1-based index of the document in the file. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  value: unknown;
}

export type ReadResult =
  | { ok: true; documents: ParsedDocument[] }
  | { ok: false; error: string };

/**
 * Reads one catalog file. Any YAML error fails the whole file with the line
 * and column of the first error, so a half-parsed file never replaces good
 * entities. Aliases are bounded so a "billion laughs" file cannot exhaust memory.
 */
export async function readCatalogFile(file: string, maxBytes: number): Promise<ReadResult> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { ok: false, error: `${file} is not a file` };
    if (stat.size > maxBytes) {
      return { ok: false, error: `${file} is ${stat.size} bytes, over the ${maxBytes} byte limit for catalog files (catalog.maxFileBytes)` };
    }
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file}: ${code ?? String(error)}` };
  }
  return parseCatalogYaml(text, file);
}

export function parseCatalogYaml(text: string, source: string): ReadResult {
  const lineOf = (offset: number) => {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  };
  let docs: YAML.Document.Parsed[];
  try {
    docs = YAML.parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true }) as YAML.Document.Parsed[];
  } catch (error) {
    return { ok: false, error: `${source}: ${(error as Error).message}` };
  }
  if (!Array.isArray(docs)) {
    return { ok: false, error: `${source}: not a YAML stream` };
  }
  const documents: ParsedDocument[] = [];
  for (const [i, doc] of docs.entries()) {
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0];
      const where = pos ? ` line ${pos.line}, column ${pos.col}` : '';
      return { ok: false, error: `${source}${where}: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
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
