import { describe, expect, it } from 'vitest';
import { processingProblems } from './processingProblems.ts';

describe('processing problems banner', () => {
  it('lists errors before warnings, leaves info out, and says what to do', () => {
    const problems = processingProblems({
      apiVersion: 'v1',
      kind: 'Component',
      metadata: { name: 'x' },
      status: {
        items: [
          { type: 'catalog.processing', level: 'info', message: 'read in 3 ms' },
          { type: 'catalog.relation', level: 'warning', message: "spec.owner refers to group:default/nobody, which does not exist" },
          { type: 'catalog.placeholder', level: 'error', message: "$text placeholder './README.md' could not be read" },
        ],
      },
    });
    expect(problems.map((p) => p.level)).toEqual(['error', 'warning']);
    expect(problems[0]!.advice).toMatch(/placeholder points to exists/);
    expect(problems[1]!.advice).toMatch(/spelling of the reference/);
  });

  it('adds no advice when the message already says what to do', () => {
    const [problem] = processingProblems({
      apiVersion: 'v1',
      kind: 'Component',
      metadata: { name: 'x' },
      status: { items: [{ type: 'catalog.relation', level: 'warning', message: 'resource:default/db is not in the catalog. Check the spelling.' }] },
    });
    expect(problem).toEqual({ level: 'warning', message: 'resource:default/db is not in the catalog. Check the spelling.' });
  });

  it('copes with an entity without status', () => {
    expect(processingProblems({ apiVersion: 'v1', kind: 'Component', metadata: { name: 'x' } })).toEqual([]);
  });
});
