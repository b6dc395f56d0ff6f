/**
 * Heading ids the way MkDocs makes them (Python-Markdown's toc slugify), so
 * `page.md#some-heading` links written for MkDocs land on the same heading.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** Ids stay unique within a page: a repeated heading gets `_1`, `_2`… as in MkDocs. */
export class SlugRegistry {
  private readonly used = new Set<string>();
  /** The next suffix to try per base, so a page of 40,000 equal headings stays linear. */
  private readonly next = new Map<string, number>();

  take(text: string): string {
    const base = slugify(text) || 'section';
    let id = base;
    let n = this.next.get(base) ?? 1;
    while (this.used.has(id)) id = `${base}_${n++}`;
    this.next.set(base, n);
    this.used.add(id);
    return id;
  }
}
