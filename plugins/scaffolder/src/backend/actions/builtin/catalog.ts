import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { stringifyEntityRef, type Entity } from '@callboard/catalog-model';
import { InputError } from '@callboard/common';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { catalogRoutes } from '@callboard/plugin-catalog/common';
import { resolveSafePath } from '../../workspace/resolveSafePath.ts';
import { createTemplateAction } from '../createTemplateAction.ts';

const registerInput = z.union([
  z.object({
    catalogInfoUrl: z.string().url().describe('The URL of the catalog-info.yaml to register'),
    optional: z.boolean().optional().describe('Log a failed registration instead of failing the step'),
  }),
  z.object({
    repoContentsUrl: z.string().url().describe('The repository contents URL, e.g. publish:github’s repoContentsUrl output'),
    catalogInfoPath: z.string().default('/catalog-info.yaml').describe('Path of the entity file in the repository'),
    optional: z.boolean().optional(),
  }),
  // Callboard's own: a git location, which the catalog mirrors and re-reads on every new commit.
  z.object({
    gitRemote: z.string().min(1).describe("A git remote the catalog may read, e.g. publish:git's remoteUrl on the local Git host"),
    branch: z.string().min(1).optional().describe("The branch to read; the remote's default branch when absent"),
    catalogInfoPath: z.string().min(1).default('catalog-info.yaml').describe('Path (or glob) of the entity file in the repository'),
    optional: z.boolean().optional(),
  }),
]);

type RegisterInput = z.output<typeof registerInput>;

/** The location to create, and how the log names it. */
function locationFor(input: RegisterInput): { body: { type: string; target: string; branch?: string; glob?: string }; label: string; catalogInfoUrl?: string } {
  if ('gitRemote' in input) {
    const glob = input.catalogInfoPath.replace(/^\/+/, '');
    return {
      body: { type: 'git', target: input.gitRemote, glob, ...(input.branch ? { branch: input.branch } : {}) },
      label: `${glob} of ${input.gitRemote}${input.branch ? ` (${input.branch})` : ''}`,
    };
  }
  const catalogInfoUrl =
    'catalogInfoUrl' in input
      ? input.catalogInfoUrl
      : `${input.repoContentsUrl.replace(/\/+$/, '')}/${input.catalogInfoPath.replace(/^\/+/, '')}`;
  return { body: { type: 'url', target: catalogInfoUrl }, label: catalogInfoUrl, catalogInfoUrl };
}

/**
 * Registers the new repository's entity file through the catalog's HTTP API,
 * as any client would; `baseUrl` is where this backend serves /api.
 */
export function createCatalogRegisterAction(options: { baseUrl: string; fetch?: typeof fetch }) {
  const client = createApiClient('catalog', catalogRoutes, { baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return createTemplateAction({
    id: 'catalog:register',
    description: 'Registers an entity file (usually the new repository’s catalog-info.yaml) as a catalog location: by URL, or in a git repository the catalog mirrors.',
    schema: { input: registerInput, output: z.object({ entityRef: z.string().optional(), catalogInfoUrl: z.string().optional() }) },
    async handler(ctx) {
      const input = ctx.input;
      const location = locationFor(input);
      ctx.logger.info(`Registering ${location.label} in the catalog`);
      if (location.catalogInfoUrl) ctx.output('catalogInfoUrl', location.catalogInfoUrl);
      try {
        const result = await client.createLocation({ body: location.body, query: { onConflict: 'refresh' } }, { signal: ctx.signal });
        const entities = result.entities as unknown as Entity[];
        // The entity the template made, not the Location wrapping it.
        const entity = entities.find((e) => e.kind !== 'Location') ?? entities[0];
        if (entity) ctx.output('entityRef', stringifyEntityRef(entity));
        ctx.logger.info(entity ? `Registered ${stringifyEntityRef(entity)}` : 'Registered the location; it holds no entities yet');
      } catch (error) {
        if (!input.optional) throw error;
        ctx.logger.warn(`Registration failed and is optional: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
}

export function createCatalogWriteAction() {
  return createTemplateAction({
    id: 'catalog:write',
    description: 'Writes an entity as YAML into the workspace, by default to catalog-info.yaml.',
    schema: {
      input: z.object({
        filePath: z.string().default('catalog-info.yaml').describe('Relative to the workspace'),
        entity: z.record(z.string(), z.unknown()).describe('The entity to write'),
      }),
    },
    supportsDryRun: true,
    async handler(ctx) {
      const { entity, filePath } = ctx.input;
      if (typeof entity.kind !== 'string' || typeof entity.apiVersion !== 'string') {
        throw new InputError('catalog:write needs an entity with apiVersion and kind');
      }
      const target = resolveSafePath(ctx.workspacePath, filePath, 'filePath');
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, stringify(entity));
      ctx.logger.info(`Wrote ${filePath}`);
    },
  });
}
