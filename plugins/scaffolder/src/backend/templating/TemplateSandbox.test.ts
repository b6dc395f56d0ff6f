import { describe, expect, it } from 'vitest';
import { TemplateRenderError, TemplateSandbox, TemplateSandboxError } from './TemplateSandbox.ts';
import { isConditionMet, renderTemplateValue } from './renderTemplateValue.ts';

const sandbox = TemplateSandbox.create({ timeoutMs: 1000 });
const render = (value: unknown, context: Record<string, unknown> = {}) => renderTemplateValue(value, sandbox, context);

describe('template expressions', () => {
  const parameters = {
    name: 'web-shop',
    count: 3,
    enabled: false,
    tags: ['a', 'b'],
    owner: 'group:default/payments',
    repoUrl: 'github.com?owner=acme&repo=web-shop',
    nested: { deep: { value: 7 } },
  };

  it('keeps the type of a whole-string expression and renders mixed strings to text', () => {
    expect(render('${{ parameters.count }}', { parameters })).toBe(3);
    expect(render('  ${{ parameters.enabled }} ', { parameters })).toBe(false);
    expect(render('${{ parameters.tags }}', { parameters })).toEqual(['a', 'b']);
    expect(render('${{ parameters.nested }}', { parameters })).toEqual({ deep: { value: 7 } });
    expect(render('${{ parameters.missing }}', { parameters })).toBeUndefined();
    expect(render('n=${{ parameters.count }}, ${{ parameters.name }}', { parameters })).toBe('n=3, web-shop');
    expect(render('${{ parameters.count + 1 }}', { parameters })).toBe(4);
    // A string that looks like a number stays a string: its type is the value's, not the text's.
    expect(render('${{ parameters.id }}', { parameters: { id: '0042' } })).toBe('0042');
    expect(render({ a: ['${{ parameters.name }}', 1, true], b: { c: '${{ parameters.count }}' } }, { parameters })).toEqual({
      a: ['web-shop', 1, true],
      b: { c: 3 },
    });
  });

  it("offers Backstage's filters and nunjucks' own", () => {
    expect(render('${{ parameters.repoUrl | parseRepoUrl }}', { parameters })).toEqual({ host: 'github.com', owner: 'acme', repo: 'web-shop' });
    expect(render("${{ (parameters.repoUrl | parseRepoUrl)['owner'] }}", { parameters })).toBe('acme');
    expect(render('${{ parameters.repoUrl | projectSlug }}', { parameters })).toBe('acme/web-shop');
    expect(render('${{ parameters.owner | parseEntityRef }}', { parameters })).toEqual({ kind: 'group', namespace: 'default', name: 'payments' });
    expect(render("${{ 'team-a' | parseEntityRef({ defaultKind: 'group', defaultNamespace: 'ops' }) }}")).toEqual({
      kind: 'group',
      namespace: 'ops',
      name: 'team-a',
    });
    expect(render("${{ parameters.nested | pick('deep.value') }}", { parameters })).toBe(7);
    expect(render('${{ parameters.tags | dump }}', { parameters })).toBe('["a","b"]');
    expect(render("${{ parameters.name | replace('-', '_') | upper }}", { parameters })).toBe('WEB_SHOP');
    expect(render("${{ 'yes' if parameters.enabled else 'no' }}", { parameters })).toBe('no');
    expect(() => render('${{ parameters.name | parseRepoUrl }}', { parameters })).toThrow(/parseRepoUrl: 'web-shop' names no repo/);
  });

  it('treats what users typed as data: expressions inside values are never evaluated', () => {
    const typed = { name: "${{ ''.constructor.constructor('return process')() }}", other: '{% raw %}${{ 7 * 7 }}' };
    expect(render('${{ parameters.name }}', { parameters: typed })).toBe(typed.name);
    expect(render('Hello ${{ parameters.other }}!', { parameters: typed })).toBe(`Hello ${typed.other}!`);
    expect(sandbox.renderString('${{ values.name }}', { values: { name: '${{ 1 + 1 }}' } })).toBe('${{ 1 + 1 }}');
  });

  it('stops templates reaching constructors, prototypes or Node globals, with a clear error', () => {
    const escapes = [
      "${{ ''.constructor.constructor('return process')() }}",
      "${{ parameters.name.constructor }}",
      "${{ parameters['constructor']['constructor']('return this')() }}",
      '${{ parameters.__proto__ }}',
      "${{ range.constructor('return process')() }}",
      '${{ process.env.HOME }}',
      "${{ require('fs') }}",
      '${{ globalThis }}',
      "${{ parameters.nested | pick('constructor') }}",
      'in text: ${{ parameters.name.toString.call }}',
    ];
    for (const template of escapes) {
      expect(() => render(template, { parameters }), template).toThrow(TemplateSandboxError);
    }
    expect(() => render("${{ ''.constructor.constructor('return process')() }}")).toThrow(
      "Template expressions may not use 'constructor': templates can read values, not reach code",
    );
    expect(() => render('${{ process }}')).toThrow("Template expressions cannot reach 'process'");
  });

  it('keeps the realm empty of Node even for code nunjucks itself generates', () => {
    // Only a string crosses the boundary; nothing the realm holds belongs to the host.
    expect(render('${{ cycler(1, 2).next() }}')).toBe(1);
    expect(render("${{ joiner is defined }}")).toBe(true);
  });

  it('reports syntax errors and stops runaway templates', () => {
    expect(() => render('${{ parameters.name | }}', { parameters })).toThrow(TemplateRenderError);
    expect(() => sandbox.renderString('{% for i in range(0, 100000000) %}x{% endfor %}', {})).toThrow(
      /took longer than 1000 ms and was stopped/,
    );
    // The realm still works after a stopped render.
    expect(render('${{ 1 + 1 }}')).toBe(2);
  });

  it('renders skeleton text with conditionals and the plain {{ }} syntax for cookiecutter skeletons', () => {
    const text = sandbox.renderString('name: ${{ values.name }}\n{% if values.db %}db: yes\n{% endif %}', { values: { name: 'x', db: true } });
    expect(text).toBe('name: x\ndb: yes\n');
    expect(sandbox.renderString('{{ cookiecutter.name }}', { cookiecutter: { name: 'c' } }, { syntax: 'plain' })).toBe('c');
    expect(sandbox.renderString('{{ cookiecutter.tags | jsonify }}', { cookiecutter: { tags: ['a'] } }, { syntax: 'plain' })).toBe('["a"]');
  });

  it("judges 'if' conditions as Backstage does", () => {
    expect(isConditionMet(undefined, sandbox, {})).toBe(true);
    expect(isConditionMet('${{ parameters.enabled }}', sandbox, { parameters })).toBe(false);
    expect(isConditionMet('${{ parameters.tags }}', sandbox, { parameters })).toBe(true);
    expect(isConditionMet('${{ parameters.count > 5 }}', sandbox, { parameters })).toBe(false);
    expect(isConditionMet(false, sandbox, {})).toBe(false);
  });
});
