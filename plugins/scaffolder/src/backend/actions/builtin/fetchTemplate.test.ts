import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateSandbox } from '../../templating/TemplateSandbox.ts';
import { readTree, runAction, tempDir } from '../../testing/runAction.ts';
import { createFetchPlainAction, createFetchPlainFileAction } from './fetchPlain.ts';
import { createFetchTemplateAction } from './fetchTemplate.ts';

const sandbox = TemplateSandbox.create();
const fetchTemplate = createFetchTemplateAction({ sandbox });
const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function setup(skeleton: Record<string, string | Buffer>) {
  const templateDir = tempDir(Object.fromEntries(Object.entries(skeleton).map(([k, v]) => [`skeleton/${k}`, v])));
  const workspacePath = tempDir();
  cleanup.push(templateDir, workspacePath);
  return { templateDir, workspacePath };
}

describe('fetch:template', () => {
  it('renders contents, file names and folder names; copies what the globs name as it is', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const { templateDir, workspacePath } = setup({
      'README.md': '# ${{ values.name }}\n{% if values.withDb %}Uses a database.{% endif %}\n',
      '${{ values.name }}/index.js': 'console.log(${{ values.port | dump }});\n',
      'src/${{ values.name }}.txt': 'owner: ${{ values.owner | parseEntityRef | pick("name") }}',
      '.github/workflows/ci.yaml': 'run: echo ${{ github.sha }}\n',
      'docs/${{ values.name }}.md': 'kept ${{ raw }}',
      'logo.png': png,
      '{% if values.withDb %}db{% endif %}/schema.sql': 'create table t();',
    });
    await runAction(
      fetchTemplate,
      {
        url: './skeleton',
        targetPath: './out',
        values: { name: 'svc', port: 8080, withDb: false, owner: 'group:default/payments' },
        copyWithoutTemplating: ['.github/workflows/', 'docs/*.md'],
      },
      { workspacePath, templateDir },
    );
    const tree = readTree(path.join(workspacePath, 'out'));
    expect(tree).toEqual({
      'README.md': '# svc\n\n',
      'svc/index.js': 'console.log(8080);\n',
      'src/svc.txt': 'owner: payments',
      '.github/workflows/ci.yaml': 'run: echo ${{ github.sha }}\n',
      'docs/svc.md': 'kept ${{ raw }}',
      'logo.png': png.toString('utf8'),
    });
    expect(fs.readFileSync(path.join(workspacePath, 'out/logo.png')).equals(png)).toBe(true);
  });

  it('renders only files with the template extension when templateFileExtension is set', async () => {
    const { templateDir, workspacePath } = setup({ 'a.txt.njk': '${{ values.x }}', 'b.txt': '${{ values.x }}' });
    await runAction(fetchTemplate, { url: './skeleton', values: { x: 1 }, templateFileExtension: true }, { workspacePath, templateDir });
    expect(readTree(workspacePath)).toEqual({ 'a.txt': '1', 'b.txt': '${{ values.x }}' });
  });

  it('refuses a targetPath outside the workspace', async () => {
    const { templateDir, workspacePath } = setup({ 'a.txt': 'a' });
    await expect(runAction(fetchTemplate, { url: './skeleton', targetPath: '../escape' }, { workspacePath, templateDir })).rejects.toThrow(
      "The targetPath '../escape' leads outside the task's workspace",
    );
    expect(fs.existsSync(path.join(workspacePath, '../escape'))).toBe(false);
  });

  it('refuses a skeleton file name that renders to a path outside the workspace', async () => {
    const { templateDir, workspacePath } = setup({ '${{ values.name }}.txt': 'pwned' });
    await expect(
      runAction(fetchTemplate, { url: './skeleton', values: { name: '../../outside' } }, { workspacePath, templateDir }),
    ).rejects.toThrow("The skeleton file '${{ values.name }}.txt' rendered as '../../outside.txt' leads outside the task's workspace");
    expect(fs.existsSync(path.join(workspacePath, '../../outside.txt'))).toBe(false);
  });

  it('refuses skeleton URLs outside the template folder and remote ones it cannot fetch yet', async () => {
    const { templateDir, workspacePath } = setup({ 'a.txt': 'a' });
    await expect(runAction(fetchTemplate, { url: '../../../etc' }, { workspacePath, templateDir })).rejects.toThrow(
      "The template URL '../../../etc' leads outside the template's folder",
    );
    await expect(runAction(fetchTemplate, { url: 'https://github.com/acme/skeletons/tree/main/x' }, { workspacePath, templateDir })).rejects.toThrow(
      "No GitHub integration for host 'github.com'",
    );
  });

  it('writes what users typed as text, in contents and names, never evaluating it', async () => {
    const { templateDir, workspacePath } = setup({ '${{ values.name }}.txt': 'name: ${{ values.name }}' });
    const typed = "${{ ''.constructor.constructor('return process')() }}{% for i in range(0, 9) %}x{% endfor %}";
    await runAction(fetchTemplate, { url: './skeleton', values: { name: typed.replace(/\//g, '') } }, { workspacePath, templateDir });
    const [file] = fs.readdirSync(workspacePath);
    expect(file).toBe(`${typed.replace(/\//g, '')}.txt`);
    expect(fs.readFileSync(path.join(workspacePath, file ?? ''), 'utf8')).toBe(`name: ${typed.replace(/\//g, '')}`);
  });

  it('does not follow symbolic links in a skeleton', async () => {
    const { templateDir, workspacePath } = setup({ 'a.txt': 'a' });
    fs.symlinkSync('/etc/hostname', path.join(templateDir, 'skeleton/host'));
    const run = await runAction(fetchTemplate, { url: './skeleton' }, { workspacePath, templateDir });
    expect(readTree(workspacePath)).toEqual({ 'a.txt': 'a' });
    expect(run.logs).toContain('Skipping symbolic link host in the skeleton');
  });
});

describe('fetch:plain and fetch:plain:file', () => {
  it('copy without rendering, inside the workspace only', async () => {
    const { templateDir, workspacePath } = setup({ 'x/${{ values.a }}.txt': '${{ values.a }}', 'one.txt': 'one' });
    await runAction(createFetchPlainAction(), { url: './skeleton/x', targetPath: 'plain' }, { workspacePath, templateDir });
    await runAction(createFetchPlainFileAction(), { url: './skeleton/one.txt', targetPath: 'copied/one.txt' }, { workspacePath, templateDir });
    expect(readTree(workspacePath)).toEqual({ 'plain/${{ values.a }}.txt': '${{ values.a }}', 'copied/one.txt': 'one' });
    await expect(
      runAction(createFetchPlainFileAction(), { url: './skeleton/one.txt', targetPath: '/tmp/abs.txt' }, { workspacePath, templateDir }),
    ).rejects.toThrow(/leads outside the task's workspace/);
  });
});
