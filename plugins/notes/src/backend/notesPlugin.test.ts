import { afterAll, describe, expect, it } from 'vitest';
import { startTestBackend, testDatabases } from '@callboard/test-utils';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { InputError, NotFoundError } from '@callboard/common';
import { notesRoutes } from '../common/notesRoutes.ts';
import { notesPlugin } from './notesPlugin.ts';

const databases = await testDatabases();

describe.each(databases)('notes plugin on $name, through the typed client', (db) => {
  afterAll(() => db.cleanup());

  it('stores notes per entity and surfaces server errors as typed errors', async () => {
    const t = await startTestBackend({ features: [notesPlugin], database: db.config() });
    try {
      const client = createApiClient('notes', notesRoutes, { baseUrl: t.url });
      const first = await client.createNote({ body: { entityRef: 'component:default/Web-Shop', body: 'Deploys on Tuesdays' } });
      expect(first).toMatchObject({ entityRef: 'component:default/web-shop', author: 'user:default/guest' });
      await client.createNote({ body: { entityRef: 'component:default/web-shop', body: 'Owned by payments now' } });
      await client.createNote({ body: { entityRef: 'component:default/other', body: 'elsewhere' } });

      const listed = await client.listNotes({ query: { entityRef: 'component:default/web-shop' } });
      expect(listed.items.map((n) => n.body)).toEqual(['Owned by payments now', 'Deploys on Tuesdays']);

      await expect(client.createNote({ body: { entityRef: 'component:default/x', body: '   ' } })).rejects.toSatisfy(
        (e: unknown) => e instanceof InputError && /body.body: write something first/.test(e.message),
      );
      await expect(client.deleteNote({ params: { id: 999 } })).rejects.toBeInstanceOf(NotFoundError);
      await client.deleteNote({ params: { id: first.id } });
      expect((await client.listNotes({ query: { entityRef: 'component:default/web-shop' } })).items).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });
});
