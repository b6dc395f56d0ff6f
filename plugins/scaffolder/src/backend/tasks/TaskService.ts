import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ANNOTATION_LOCATION, parseEntityRef, stringifyEntityRef } from '@callboard/catalog-model';
import { InputError, NotFoundError } from '@callboard/common';
import { parameterPages, parseTemplateEntity } from '../../common/templateEntity.ts';
import type { TemplateRunner } from '../runner/TemplateRunner.ts';
import { validateParameters } from '../runner/validateParameters.ts';
import type { KnexTaskStore, StoredTaskSpec } from './KnexTaskStore.ts';
import type { TaskSecrets } from './TaskSecrets.ts';

export interface TemplateSource {
  /** The template entity from the catalog; undefined when there is none. */
  getTemplate(ref: { kind: string; namespace: string; name: string }): Promise<unknown>;
  /** The user's entity, for `user.entity` in expressions; undefined when the catalog has none. */
  getUser?(ref: { kind: string; namespace: string; name: string }): Promise<unknown>;
}

/**
 * Accepts a task: finds the template in the catalog, checks the values
 * against every wizard page and the actions against the installed ones, and
 * queues it. Secrets are sealed before they reach the database.
 */
export class TaskService {
  constructor(
    private readonly options: {
      store: KnexTaskStore;
      runner: TemplateRunner;
      secrets: TaskSecrets;
      templates: TemplateSource;
      /** Local templates may read skeletons anywhere under this folder (the app's own). */
      localRoot: string;
      onCreated(): void;
    },
  ) {}

  async create(request: { templateRef: string; values: Record<string, unknown>; secrets?: Record<string, string> | undefined; createdBy: string }): Promise<string> {
    let ref;
    try {
      ref = parseEntityRef(request.templateRef, { defaultKind: 'template' });
    } catch (error) {
      throw new InputError(error instanceof Error ? error.message : String(error));
    }
    if (ref.kind.toLowerCase() !== 'template') throw new InputError(`'${request.templateRef}' is not a template reference`);
    const entity = await this.options.templates.getTemplate(ref);
    if (!entity) throw new NotFoundError(`No template ${stringifyEntityRef(ref)} in the catalog`);
    // The catalog adds relations and status; the template itself is the four authored fields.
    const { apiVersion, kind, metadata, spec: templateSpec } = entity as Record<string, unknown>;
    const parsed = parseTemplateEntity({ apiVersion, kind, metadata, spec: templateSpec });
    if (!parsed.ok) throw new InputError(`${stringifyEntityRef(ref)} is not a valid v1beta3 Template: ${parsed.problems.join('; ')}`);
    this.options.runner.checkActions(parsed.template);
    const problems = validateParameters(parameterPages(parsed.template), request.values);
    if (problems.length > 0) {
      throw new InputError(`The values do not fit the template's parameters: ${problems.join('; ')}`, {
        issues: problems.map((p) => ({ path: 'values', message: p })),
      });
    }
    const entityRef = stringifyEntityRef(parsed.template);
    const userEntity = await this.userEntity(request.createdBy);
    const spec: StoredTaskSpec = {
      template: parsed.template as unknown as Record<string, unknown>,
      values: request.values,
      user: { ref: request.createdBy, ...(userEntity ? { entity: userEntity } : {}) },
      templateInfo: { entityRef, ...this.localFolder(parsed.template.metadata.annotations?.[ANNOTATION_LOCATION]) },
    };
    const id = await this.options.store.create({
      templateRef: entityRef,
      spec,
      createdBy: request.createdBy,
      ...(request.secrets && Object.keys(request.secrets).length ? { secrets: this.options.secrets.seal(request.secrets) } : {}),
    });
    this.options.onCreated();
    return id;
  }

  private async userEntity(ref: string): Promise<Record<string, unknown> | undefined> {
    const getUser = this.options.templates.getUser;
    if (!getUser || !ref.startsWith('user:')) return undefined;
    const entity = (await getUser(parseEntityRef(ref))) as Record<string, unknown> | undefined;
    if (!entity) return undefined;
    // Expressions see the authored entity, as in Backstage; relations stay out of the stored task.
    const { apiVersion, kind, metadata, spec } = entity;
    return { apiVersion, kind, metadata, spec };
  }

  /** Where fetch actions resolve `./skeleton`: beside the template file, locally or on its Git host. */
  private localFolder(location: string | undefined): { baseUrl?: string; readRoot?: string } {
    if (location?.startsWith('url:')) return { baseUrl: location.slice('url:'.length) };
    if (!location?.startsWith('file:')) return {};
    const dir = path.dirname(path.resolve(location.slice('file:'.length)));
    const root = path.resolve(this.options.localRoot);
    const inside = !path.relative(root, dir).startsWith('..') && !path.isAbsolute(path.relative(root, dir));
    return { baseUrl: `${pathToFileURL(dir).href}/`, readRoot: inside ? root : dir };
  }
}
