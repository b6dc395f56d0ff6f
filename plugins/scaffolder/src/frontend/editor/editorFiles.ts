import type { DirectoryEntry } from '../../common/scaffolderRoutes.ts';

/**
 * What the template editor sends to dry-run, built from a folder the user
 * picked. The dry-run request travels as one JSON body, which the backend
 * caps at 1 MB; base64 grows files by a third, so the folder may hold about
 * 700 KB.
 */
export const MAX_FOLDER_BYTES = 700 * 1024;

export interface LoadedFolder {
  files: DirectoryEntry[];
  /** Path of the template file inside the folder. */
  templateFile: string;
  templateText: string;
  bytes: number;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file's text, or undefined when it is not UTF-8 (an image, an archive). */
export function decodeText(base64: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(fromBase64(base64));
  } catch {
    return undefined;
  }
}

/** `webkitRelativePath` starts with the picked folder's own name, which the template does not know about. */
export function relativeToPickedFolder(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** The template file in a folder: `template.yaml` nearest the root, else any YAML file declaring kind Template. */
export function findTemplateFile(files: { path: string; text?: string }[]): string | undefined {
  const yaml = files.filter((f) => /\.ya?ml$/i.test(f.path));
  const byDepth = (a: { path: string }, b: { path: string }) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path);
  const named = yaml.filter((f) => /(^|\/)template\.ya?ml$/i.test(f.path)).sort(byDepth);
  if (named[0]) return named[0].path;
  return yaml.filter((f) => f.text && /^kind:\s*Template\s*$/m.test(f.text)).sort(byDepth)[0]?.path;
}

/** The dry-run body's files, with the template file replaced by what the editor holds. */
export function withEditedTemplate(folder: LoadedFolder, text: string): DirectoryEntry[] {
  const encoded = toBase64(new TextEncoder().encode(text));
  return folder.files.map((file) => (file.path === folder.templateFile ? { ...file, base64Content: encoded } : file));
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
