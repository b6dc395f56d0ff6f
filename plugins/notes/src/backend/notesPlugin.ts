import { coreServices, createBackendPlugin, createTypedRouter } from '@callboard/backend-plugin-api';
import { NotFoundError } from '@callboard/common';
import { notesRoutes } from '../common/notesRoutes.ts';
import { KnexNotesStore } from './KnexNotesStore.ts';
import { notesMigrations } from './notesMigrations.ts';

/**
 * The example full-stack plugin: its own table and migration, a typed route
 * table, the caller's identity, and an entity tab and card in the app. It is
 * small on purpose; new plugins start as a copy of it.
 */
export const notesPlugin = createBackendPlugin({
  id: 'notes',
  deps: {
    database: coreServices.database,
    httpRouter: coreServices.httpRouter,
    identity: coreServices.identity,
  },
  async init({ database, httpRouter, identity }) {
    const store = KnexNotesStore.create(await database.connect({ migrations: notesMigrations }));
    const authorOf = async (request: Parameters<typeof identity.getCaller>[0]) => {
      const caller = await identity.getCaller(request);
      return caller.type === 'user' ? caller.userEntityRef : caller.subject;
    };
    httpRouter.use(
      createTypedRouter(notesRoutes, {
        async listNotes({ query }) {
          return { items: await store.list(query.entityRef, query.limit ?? 50) };
        },
        async createNote({ body, request }) {
          return store.create({ entityRef: body.entityRef, body: body.body, author: await authorOf(request) });
        },
        async deleteNote({ params, request }) {
          if (!(await store.delete(params.id, await authorOf(request)))) {
            throw new NotFoundError(`No note ${params.id} of yours to delete`);
          }
          return undefined;
        },
      }),
    );
  },
});
