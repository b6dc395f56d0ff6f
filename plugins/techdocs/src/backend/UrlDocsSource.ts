import path from 'node:path/posix';
import { NotFoundError } from '@callboard/common';
import type { UrlReaderService } from '@callboard/backend-plugin-api';
import { DocsSourceError, type DocsSource } from '../render/DocsSource.ts';

/**
 * A site read file by file through the urlReader (GitHub or an allowed
 * host), so the same allow-list, tokens and size limits apply as for
 * catalog files. A URL cannot be listed: pages come from mkdocs.yml's nav.
 */
export class UrlDocsSource implements DocsSource {
  readonly description: string;
  /** The site's folder as the reader spells URLs; every file URL must start with it. */
  private readonly folderUrl: string;

  /** `configUrl` is the URL of the site's mkdocs.yml (which need not exist). */
  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly configUrl: string,
  ) {
    this.description = configUrl.replace(/\/mkdocs\.yml$/, '');
    this.folderUrl = urlReader.resolve(configUrl, 'mkdocs.yml').replace(/mkdocs\.yml$/, '');
  }

  private urlOf(file: string): string {
    const normal = path.normalize(file);
    const refused = () => new DocsSourceError(`${file} is outside the docs site; refused`, 'refused');
    if (normal.startsWith('../') || normal === '..' || path.isAbsolute(normal) || normal.includes('\0')) throw refused();
    // Each segment is a file name, never URL syntax: a name such as '%2e%2e'
    // would otherwise climb out of the site once the URL is resolved.
    const encoded = normal.split('/').map(encodeURIComponent).join('/');
    const url = this.urlReader.resolve(this.configUrl, encoded);
    if (!url.startsWith(this.folderUrl)) throw refused();
    return url;
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
    try {
      const result = await this.urlReader.readUrlBytes(this.urlOf(file), { maxBytes });
      return result.notModified ? undefined : result.bytes;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async listFiles(): Promise<undefined> {
    return undefined;
  }

  async lastUpdated(): Promise<Map<string, string>> {
    return new Map();
  }
}
