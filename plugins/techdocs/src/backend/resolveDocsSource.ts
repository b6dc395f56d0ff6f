import fs from 'node:fs';
import path from 'node:path';
import { InputError, NotAllowedError, NotFoundError } from '@callboard/common';
import type { UrlReaderService } from '@callboard/backend-plugin-api';
import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, type Entity } from '@callboard/catalog-model';
import { TECHDOCS_REF_ANNOTATION } from '../common/techdocsRoutes.ts';
import { LocalDocsSource } from '../render/LocalDocsSource.ts';
import type { DocsSource } from '../render/DocsSource.ts';
import { UrlDocsSource } from './UrlDocsSource.ts';
import type { GitHistory } from './GitHistory.ts';
import { GitMirrorDocsSource } from './GitMirrorDocsSource.ts';
import { isPathInside } from '@callboard/backend-plugin-api';

export interface ResolveOptions {
  /** Dates for docs in catalog git mirrors; without it such docs show none. */
  gitHistory?: { history: GitHistory; waitMs: number; onLateDates?: () => void };
}

export interface ResolvedSource {
  source: DocsSource;
  /** `dir:/abs/path` or `url:https://…/mkdocs.yml`: a changed key means a different site. */
  key: string;
  /** Where pages are edited when mkdocs.yml has no repo_url (GitHub sources). */
  editBase?: string;
}


/** The Git work tree holding `dir`, else `dir` itself: how far a `dir:` reference may climb. */
function boundaryOf(dir: string): string {
  for (let current = dir; ; ) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return dir;
    current = parent;
  }
}

/** A GitHub blob URL of the site's mkdocs.yml → where its files are edited. */
function githubEditBase(configUrl: string): string | undefined {
  const match = /^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/blob\/([^/]+)\/(.*?)mkdocs\.yml$/.exec(configUrl);
  return match ? `${match[1]}/edit/${match[2]}/${match[3]}docs/` : undefined;
}

/**
 * Where an entity's docs are, from `backstage.io/techdocs-ref`:
 * `dir:<path>` relative to the entity's catalog file (a local file, a Git
 * mirror, or a URL), or `url:<url>` naming the site's folder. A `dir:` on
 * disk may not leave the repository (or, outside Git, the catalog file's folder).
 */
export async function resolveDocsSource(entity: Entity, urlReader: UrlReaderService, options: ResolveOptions = {}): Promise<ResolvedSource> {
  const annotations = entity.metadata.annotations ?? {};
  const ref = annotations[TECHDOCS_REF_ANNOTATION]?.trim();
  const name = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
  if (!ref) {
    throw new NotFoundError(`${name} has no docs: add the annotation ${TECHDOCS_REF_ANNOTATION}: dir:. to its catalog file`);
  }
  if (ref.startsWith('dir:')) {
    const relative = ref.slice('dir:'.length).trim() || '.';
    const location = annotations[ANNOTATION_LOCATION] ?? '';
    if (location.startsWith('file:')) {
      const catalogDir = path.dirname(location.slice('file:'.length));
      if (path.isAbsolute(relative)) {
        throw new NotAllowedError(`${TECHDOCS_REF_ANNOTATION} of ${name} is an absolute path; give a path relative to its catalog file, such as dir:.`);
      }
      const target = path.resolve(catalogDir, relative);
      const boundary = boundaryOf(catalogDir);
      if (!isPathInside(boundary, target)) {
        throw new NotAllowedError(`${TECHDOCS_REF_ANNOTATION} '${ref}' of ${name} leaves ${boundary}; docs must live inside the repository of the catalog file`);
      }
      const local = await LocalDocsSource.open(target);
      // The catalog read this entity from its mirror of a git location, whose work tree is the boundary.
      const fromGitLocation = annotations[ANNOTATION_ORIGIN_LOCATION]?.startsWith('git:') && fs.existsSync(path.join(boundary, '.git'));
      if (fromGitLocation && options.gitHistory) {
        const { history, waitMs, onLateDates } = options.gitHistory;
        const source = new GitMirrorDocsSource(local, { mirrorDir: boundary, history, waitMs, ...(onLateDates ? { onLateDates } : {}) });
        return { source, key: `dir:${target}` };
      }
      return { source: local, key: `dir:${target}` };
    }
    if (location.startsWith('url:')) {
      const configUrl = urlReader.resolve(location.slice('url:'.length), `${relative.replace(/\/+$/, '')}/mkdocs.yml`);
      if (!urlReader.isAllowed(configUrl)) {
        throw new NotAllowedError(`Reading ${configUrl} is not allowed: its host is not in backend.reading.allow or integrations.github`);
      }
      const editBase = githubEditBase(configUrl);
      return { source: new UrlDocsSource(urlReader, configUrl), key: `url:${configUrl}`, ...(editBase ? { editBase } : {}) };
    }
    throw new InputError(`${name} uses ${TECHDOCS_REF_ANNOTATION}: ${ref}, but its catalog location '${location || 'unknown'}' is neither a file nor a URL`);
  }
  if (ref.startsWith('url:')) {
    const raw = ref.slice('url:'.length).trim();
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new InputError(`${TECHDOCS_REF_ANNOTATION} of ${name} is not a valid URL: ${raw}`);
    }
    // A GitHub folder (tree) URL names the site; its files are read as blobs.
    const folder = url.href.replace(/\/+$/, '').replace(/^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/tree\//, '$1/blob/');
    const configUrl = `${folder}/mkdocs.yml`;
    if (!urlReader.isAllowed(configUrl)) {
      throw new NotAllowedError(
        `Reading ${raw} is not allowed: its host is not in backend.reading.allow or integrations.github. Ask an administrator to add it, or use dir: with a file or git location.`,
      );
    }
    const editBase = githubEditBase(configUrl);
    return { source: new UrlDocsSource(urlReader, configUrl), key: `url:${configUrl}`, ...(editBase ? { editBase } : {}) };
  }
  throw new InputError(`${TECHDOCS_REF_ANNOTATION} of ${name} is '${ref}'; use dir:<path> or url:<url>`);
}
