import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFilesFromArgv, loadConfig, mergeConfig, substituteEnv } from './loadConfig.ts';

const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('overlays app-config.local.yaml and --config files in order', () => {
    const dir = tempDir({
      'app-config.yaml': 'app:\n  title: Base\nbackend:\n  listen:\n    port: 7007\n    host: 127.0.0.1\nlist: [1, 2]\n',
      'app-config.local.yaml': 'backend:\n  listen:\n    port: 8000\n',
      'extra.yaml': 'app:\n  title: Extra\nlist: [3]\n',
    });
    const loaded = loadConfig({ rootDir: dir, extraFiles: [path.join(dir, 'extra.yaml')], env: {} });
    expect(loaded.data).toEqual({
      app: { title: 'Extra' },
      backend: { listen: { port: 8000, host: '127.0.0.1' } },
      list: [3],
    });
    expect(loaded.files.map((f) => path.basename(f))).toEqual(['app-config.yaml', 'app-config.local.yaml', 'extra.yaml']);
    expect(loaded.baseDir).toBe(dir);
  });

  it('substitutes ${VAR} and ${VAR:-fallback}, drops unset whole references, keeps $${ escapes', () => {
    const env = { DB_URL: 'postgres://db/cb', EMPTY: '' };
    expect(
      substituteEnv(
        { url: '${DB_URL}', port: '${PORT:-7007}', gone: '${NOT_SET}', text: 'x-${EMPTY:-y}', literal: '$${KEEP}' },
        env,
        '',
      ),
    ).toEqual({ url: 'postgres://db/cb', port: '7007', text: 'x-y', literal: '${KEEP}' });
  });

  it('names the file and line of a YAML error', () => {
    const dir = tempDir({ 'app-config.yaml': 'app:\n  title: [unclosed\n' });
    expect(() => loadConfig({ rootDir: dir, env: {} })).toThrow(/app-config.yaml line \d+, column \d+ is not valid YAML/);
  });

  it('says when the config file is missing', () => {
    const dir = tempDir({});
    expect(() => loadConfig({ rootDir: dir, env: {} })).toThrow(/Cannot read config file .*app-config.yaml: ENOENT/);
  });

  it('parses --config flags', () => {
    expect(configFilesFromArgv(['--config', 'a.yaml', '--config=b.yaml', '--other'])).toEqual(['a.yaml', 'b.yaml']);
    expect(() => configFilesFromArgv(['--config'])).toThrow(/needs a file path/);
  });

  it('merges objects deeply and replaces arrays', () => {
    expect(mergeConfig({ a: { b: 1, c: [1] } }, { a: { c: [2], d: 3 } })).toEqual({ a: { b: 1, c: [2], d: 3 } });
  });
});
