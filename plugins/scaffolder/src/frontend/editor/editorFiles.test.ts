import { describe, expect, it } from 'vitest';
import { decodeText, findTemplateFile, folderOf, fromBase64, relativeToPickedFolder, toBase64, withEditedTemplate } from './editorFiles.ts';

describe('template editor files', () => {
  it('base64 round-trips bytes, including ones that are not text', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(decodeText(toBase64(new TextEncoder().encode('héllo')))).toBe('héllo');
    expect(decodeText(toBase64(new Uint8Array([0xff, 0xfe, 0x00])))).toBeUndefined();
  });

  it('finds the template file and keeps paths relative to the picked folder', () => {
    expect(relativeToPickedFolder('my-template/skeleton/README.md')).toBe('skeleton/README.md');
    expect(findTemplateFile([{ path: 'skeleton/template.yaml' }, { path: 'template.yaml' }])).toBe('template.yaml');
    expect(findTemplateFile([{ path: 'a.yaml', text: 'kind: Component' }, { path: 'x/t.yml', text: 'apiVersion: v\nkind: Template\n' }])).toBe('x/t.yml');
    expect(findTemplateFile([{ path: 'README.md' }])).toBeUndefined();
    expect(folderOf('templates/go/template.yaml')).toBe('templates/go');
    expect(folderOf('template.yaml')).toBe('');
  });

  it('sends the edited template text in place of the loaded file', () => {
    const folder = { files: [{ path: 'template.yaml', base64Content: toBase64(new TextEncoder().encode('old')) }, { path: 'skeleton/a', base64Content: 'AA==' }], templateFile: 'template.yaml', templateText: 'old', bytes: 4 };
    const files = withEditedTemplate(folder, 'new');
    expect(decodeText(files[0]!.base64Content)).toBe('new');
    expect(files[1]).toEqual(folder.files[1]);
  });
});
