import { describe, expect, it } from 'vitest';
import { parameterPages, parseTemplateEntity } from './templateEntity.ts';

const base = { apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 'svc', title: 'Service' } };

describe('parseTemplateEntity', () => {
  it('accepts parameters as one page or a list of pages, and steps with if and each', () => {
    const one = parseTemplateEntity({ ...base, spec: { type: 'service', parameters: { properties: { a: { type: 'string' } } }, steps: [] } });
    expect(one.ok && parameterPages(one.template)).toEqual([{ properties: { a: { type: 'string' } } }]);
    const many = parseTemplateEntity({
      ...base,
      spec: {
        type: 'service',
        parameters: [{ title: 'A' }, { title: 'B' }],
        steps: [{ id: 'x', action: 'debug:log', if: '${{ parameters.a }}', each: '${{ parameters.list }}', input: { message: 'hi' } }],
        output: { links: [{ title: 'Repo', url: '${{ steps.x.output.url }}' }] },
      },
    });
    expect(many.ok && parameterPages(many.template).map((p) => p.title)).toEqual(['A', 'B']);
    expect(many.ok && many.template.spec.steps[0]?.each).toBe('${{ parameters.list }}');
  });

  it("gives the catalog model's verdict on invalid templates, and refuses other kinds", () => {
    const noSteps = parseTemplateEntity({ ...base, spec: { type: 'service' } });
    expect(noSteps).toEqual({ ok: false, problems: [expect.stringMatching(/^spec.steps: /)] });
    const badStep = parseTemplateEntity({ ...base, spec: { type: 'service', steps: [{ id: 'x' }] } });
    expect(badStep.ok).toBe(false);
    expect(parseTemplateEntity({ ...base, apiVersion: 'backstage.io/v1alpha1', spec: {} })).toEqual({
      ok: false,
      problems: ['expected kind Template with apiVersion scaffolder.backstage.io/v1beta3, got kind Template with apiVersion backstage.io/v1alpha1'],
    });
  });
});
