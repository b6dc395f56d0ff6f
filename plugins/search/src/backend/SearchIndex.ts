import MiniSearch from 'minisearch';
import { searchDocumentSchema, type SearchDocument, type SearchResult } from '../common/searchRoutes.ts';

type Stored = ReturnType<typeof searchDocumentSchema.parse>;

function snippet(text: string, terms: string[]): string {
  const lower = text.toLowerCase();
  const at = terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - 60);
  const piece = text.slice(start, start + 200).trim();
  return `${start > 0 ? '…' : ''}${piece}${start + 200 < text.length ? '…' : ''}`;
}

/** An in-memory full-text index (MiniSearch): titles weigh most, then headings, then text. */
export class SearchIndex {
  private readonly index = new MiniSearch<Stored>({
    idField: 'location',
    fields: ['title', 'headings', 'text'],
    storeFields: ['type', 'title', 'location', 'entityRef', 'text'],
    extractField: (doc, field) => {
      const value = (doc as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(' ') : (value as string);
    },
  });

  get size(): number {
    return this.index.documentCount;
  }

  upsert(documents: readonly SearchDocument[]): void {
    for (const raw of documents) {
      const doc = searchDocumentSchema.parse(raw);
      if (this.index.has(doc.location)) this.index.discard(doc.location);
      this.index.add(doc);
    }
  }

  remove(locations: readonly string[]): void {
    for (const location of locations) if (this.index.has(location)) this.index.discard(location);
  }

  /** Replaces every document of a type with a fresh collation. */
  replaceType(type: string, documents: readonly SearchDocument[]): void {
    const stale: string[] = [];
    // MiniSearch has no listing; a search for everything of this type finds them.
    for (const hit of this.index.search(MiniSearch.wildcard, { filter: (r) => r['type'] === type })) stale.push(String(hit.id));
    this.remove(stale);
    this.upsert(documents);
  }

  query(term: string, options: { type?: string; limit?: number } = {}): { results: SearchResult[]; total: number } {
    const hits = this.index.search(term, {
      prefix: (t) => t.length > 2,
      fuzzy: (t) => (t.length > 4 ? 0.2 : false),
      boost: { title: 3, headings: 2 },
      combineWith: 'AND',
      ...(options.type ? { filter: (r) => r['type'] === options.type } : {}),
    });
    return {
      total: hits.length,
      results: hits.slice(0, options.limit ?? 20).map((hit) => ({
        type: hit['type'] as string,
        title: hit['title'] as string,
        location: String(hit.id),
        ...(hit['entityRef'] ? { entityRef: hit['entityRef'] as string } : {}),
        snippet: snippet((hit['text'] as string) ?? '', hit.terms),
        score: Math.round(hit.score * 1000) / 1000,
      })),
    };
  }
}
