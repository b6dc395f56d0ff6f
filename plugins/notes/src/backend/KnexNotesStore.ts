import type { Knex } from 'knex';
import type { Note } from '../common/notesRoutes.ts';

interface NoteRow {
  id: number;
  entity_ref: string;
  body: string;
  author: string;
  created_at: number | string;
}

const toNote = (row: NoteRow): Note => ({
  id: Number(row.id),
  entityRef: row.entity_ref,
  body: row.body,
  author: row.author,
  createdAt: new Date(Number(row.created_at)).toISOString(),
});

export class KnexNotesStore {
  private constructor(private readonly knex: Knex) {}

  static create(knex: Knex): KnexNotesStore {
    return new KnexNotesStore(knex);
  }

  async list(entityRef: string, limit: number): Promise<Note[]> {
    const rows = await this.knex<NoteRow>('notes')
      .where('entity_ref', entityRef.toLocaleLowerCase('en-US'))
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(limit);
    return rows.map(toNote);
  }

  async create(note: { entityRef: string; body: string; author: string }): Promise<Note> {
    const row = {
      entity_ref: note.entityRef.toLocaleLowerCase('en-US'),
      body: note.body,
      author: note.author,
      created_at: Date.now(),
    };
    const [inserted] = await this.knex('notes').insert(row).returning('id');
    const id = typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
    return toNote({ id, ...row });
  }

  /** Deletes only the author's own note; false when there is none. */
  async delete(id: number, author: string): Promise<boolean> {
    return (await this.knex('notes').where({ id, author }).delete()) > 0;
  }
}
