import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFields, describeType } from './describeSchema.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

describe('describeSchema', () => {
  it('turns an action input schema into rows a person can read', () => {
    const schema = json(
      z.object({
        url: z.string().describe('Where the skeleton is'),
        values: z.record(z.string(), z.unknown()).default({}),
        visibility: z.enum(['private', 'public']).optional(),
        globs: z.array(z.string()).optional(),
        ext: z.union([z.string(), z.boolean()]).optional(),
      }),
    );
    expect(describeFields(schema)).toEqual([
      [
        { name: 'url', type: 'string', required: true, description: 'Where the skeleton is' },
        { name: 'values', type: 'map of any', required: false, defaultValue: '{}' },
        { name: 'visibility', type: '"private" | "public"', required: false },
        { name: 'globs', type: 'array of string', required: false },
        { name: 'ext', type: 'string | boolean', required: false },
      ],
    ]);
  });

  it('lists each alternative of a union of objects', () => {
    const schema = json(z.union([z.object({ a: z.string() }), z.object({ b: z.number().optional() })]));
    expect(describeFields(schema)).toEqual([[{ name: 'a', type: 'string', required: true }], [{ name: 'b', type: 'number', required: false }]]);
    expect(describeType({})).toBe('any');
  });
});
