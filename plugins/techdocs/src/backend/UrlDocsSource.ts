import path from 'node:path/posix';
import { NotFoundError } from '@callboard/common';
import type { UrlReaderService } from '@callboard/backend-plugin-api';
import { DocsSourceError, type DocsSource } from '../render/DocsSource.ts';

const TEXT_FILES = /\.(md|markdown|ya?ml|txt|css|svg|json|csv)$/i;

/**
 * A site read file by file through the urlReader (GitHub or an allowed
 * host), so the same allow-list and tokens apply as for catalog files.
 * A URL cannot be listed: pages come from mkdocs.yml's nav, and only text
 * files (SVG images among them) can be served, because the urlReader reads text.
 */
export class UrlDocsSource implements DocsSource {
  readonly description: string;

  /** `configUrl` is the URL of the site's mkdocs.yml (which need not exist). */
  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly configUrl: string,
  ) {
    this.description = configUrl.replace(/\/mkdocs\.yml$/, '');
  }

  private urlOf(file: string): string {
    const normal = path.normalize(file);
    if (normal.startsWith('../') || normal === '..' || path.isAbsolute(normal)) {
      throw new DocsSourceError(`${file} is outside the docs site; refused`, 'refused');
    }
    return this.urlReader.resolve(this.configUrl, normal);
  }

  async readText(file: string, maxBytes: number): Promise<string | undefined> {
    try {
      const result = await this.urlReader.readUrl(this.urlOf(file), { maxBytes });
      return result.notModified ? undefined : result.text;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async readBytes(file: string, maxBytes: number): Promise<Buffer | undefined> {
    if (!TEXT_FILES.test(file)) {
      throw new DocsSourceError(
        `${file} cannot be served from a url: docs source: only text files (SVG images among them) are read from URLs. Use a dir: source in a file or git location for other images.`,
        'unavailable',
      );
    }
    const text = await this.readText(file, maxBytes);
    return text === undefined ? undefined : Buffer.from(text, 'utf8');
  }

  async listFiles(): Promise<undefined> {
    return undefined;
  }

  async lastUpdated(): Promise<Map<string, string>> {
    return new Map();
  }
}
