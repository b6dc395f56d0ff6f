import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InputError, NotFoundError, ServiceUnavailableError } from '@callboard/common';
import { createGitRepo, otherFilesystemDir, runGitFixture, serveGitOverHttp, type GitRepoFixture } from '@callboard/test-utils';
import { GitMirror } from './GitMirror.ts';
import { listFiles } from './listFiles.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callboard-mirror-'));
  cleanups.push(() => fs.promises.rm(dir, { recursive: true, force: true }));
  return dir;
}

async function repo(files: Record<string, string>, options?: { branch?: string }): Promise<GitRepoFixture> {
  const fixture = await createGitRepo(files, options);
  cleanups.push(() => fixture.cleanup());
  return fixture;
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const fetched = (dir: string) => fs.existsSync(path.join(dir, '.git', 'FETCH_HEAD'));

describe('GitMirror', () => {
  it('prunes the mirrors of remotes no longer read, and leftovers of interrupted clones', async () => {
    const kept = await repo({ 'catalog-info.yaml': 'kind: Component\n' });
    const dropped = await repo({ 'catalog-info.yaml': 'kind: System\n' });
    const base = tempDir();
    const mirror = GitMirror.create({ baseDir: base });
    const a = await mirror.sync(kept.dir);
    const b = await mirror.sync(dropped.dir);
    const halfMade = `${mirror.dirFor(kept.dir, 'other')}.tmp-0a1b2c`;
    fs.mkdirSync(halfMade);
    // Not made by the mirror: never touched.
    fs.mkdirSync(path.join(base, 'notes'));

    const removed = await mirror.prune([{ remote: kept.dir }]);
    expect(removed.sort()).toEqual([b.dir, halfMade].sort());
    expect(fs.existsSync(a.dir)).toBe(true);
    expect(fs.existsSync(b.dir)).toBe(false);
    expect(fs.existsSync(path.join(base, 'notes'))).toBe(true);
    // A pruned remote is simply cloned again when a location reads it.
    expect((await mirror.sync(dropped.dir)).changed).toBe(true);
  });

  it('links the objects of a local repository on its own filesystem instead of packing them', async () => {
    const source = await repo({ 'catalog-info.yaml': 'kind: Component\n' });
    source.write({ 'catalog-info.yaml': 'kind: System\n' });
    await source.commit('Second');
    const mirror = GitMirror.create({ baseDir: tempDir() });

    const result = await mirror.sync(source.dir);
    expect(result).toEqual({ dir: mirror.dirFor(source.dir), commit: source.head, changed: true });
    expect(read(result.dir, 'catalog-info.yaml')).toBe('kind: System\n');
    const object = (dir: string) => fs.statSync(path.join(dir, '.git', 'objects', source.head.slice(0, 2), source.head.slice(2)));
    expect(object(result.dir).ino).toBe(object(source.dir).ino);
    // Cloned without a template: no sample hooks, nothing a server's init.templateDir would add.
    expect(fs.existsSync(path.join(result.dir, '.git', 'hooks'))).toBe(false);
    // The linked mirror is still recognised as this remote's on the next sync.
    expect(await mirror.sync(source.dir)).toMatchObject({ changed: false });
  });

  const otherFs = otherFilesystemDir('callboard-mirror-');
  // Made when the file loads, so removed after the file whether or not the test ran.
  afterAll(() => (otherFs ? fs.promises.rm(otherFs, { recursive: true, force: true }) : undefined));
  it.skipIf(!otherFs)('clones a local repository on another filesystem shallowly', async () => {
    const source = await repo({ 'catalog-info.yaml': 'kind: Component\n' });
    source.write({ 'catalog-info.yaml': 'kind: System\n' });
    await source.commit('Second');
    const mirror = GitMirror.create({ baseDir: otherFs! });

    const result = await mirror.sync(source.dir);
    expect(read(result.dir, 'catalog-info.yaml')).toBe('kind: System\n');
    expect(await runGitFixture(['rev-parse', '--is-shallow-repository'], result.dir)).toBe('true');
    expect(await mirror.sync(source.dir)).toMatchObject({ changed: false });
  });

  it('answers changed: false without fetching when the remote has not moved, then picks up a new commit', async () => {
    const source = await repo({ 'catalog-info.yaml': 'v1\n' });
    const mirror = GitMirror.create({ baseDir: tempDir() });
    const first = await mirror.sync(source.dir);

    const again = await mirror.sync(source.dir);
    expect(again).toEqual({ dir: first.dir, commit: first.commit, changed: false });
    expect(fetched(first.dir)).toBe(false);

    source.write({ 'catalog-info.yaml': 'v2\n', 'teams/a/catalog-info.yaml': 'team\n' });
    const second = await source.commit('Second');
    const after = await mirror.sync(source.dir);
    expect(after).toEqual({ dir: first.dir, commit: second, changed: true });
    expect(fetched(first.dir)).toBe(true);
    expect(read(after.dir, 'catalog-info.yaml')).toBe('v2\n');
    expect(await runGitFixture(['rev-parse', '--is-shallow-repository'], after.dir)).toBe('true');
  });

  it('mirrors a named branch in its own folder and names a missing one', async () => {
    const source = await repo({ 'a.yaml': 'main\n' });
    await runGitFixture(['checkout', '--quiet', '-b', 'release/1.x'], source.dir);
    source.write({ 'a.yaml': 'release\n' });
    const releaseCommit = await source.commit('Release');
    await runGitFixture(['checkout', '--quiet', 'main'], source.dir);
    const mirror = GitMirror.create({ baseDir: tempDir() });

    const release = await mirror.sync(source.dir, { branch: 'release/1.x' });
    expect(release.commit).toBe(releaseCommit);
    expect(read(release.dir, 'a.yaml')).toBe('release\n');
    const main = await mirror.sync(source.dir);
    expect(main.dir).not.toBe(release.dir);
    expect(read(main.dir, 'a.yaml')).toBe('main\n');
    await expect(mirror.sync(source.dir, { branch: 'release/1.x' })).resolves.toMatchObject({ changed: false });

    await expect(mirror.sync(source.dir, { branch: 'nope' })).rejects.toThrow(NotFoundError);
    await expect(mirror.sync(source.dir, { branch: 'nope' })).rejects.toThrow(/Branch 'nope' was not found in the git remote/);
    await expect(mirror.sync(source.dir, { branch: '--upload-pack=touch /tmp/x' })).rejects.toThrow(InputError);
  });

  it('throws ServiceUnavailableError for an unreachable remote and keeps the previous mirror', async () => {
    const source = await repo({ 'catalog-info.yaml': 'kept\n' });
    const mirror = GitMirror.create({ baseDir: tempDir() });
    const first = await mirror.sync(source.dir);

    const moved = `${source.dir}-moved`;
    fs.renameSync(source.dir, moved);
    cleanups.push(() => fs.promises.rm(moved, { recursive: true, force: true }));
    const error = await mirror.sync(source.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toMatch(/^Cannot sync the git remote .*: '.*' does not appear to be a git repository$/);
    expect(read(first.dir, 'catalog-info.yaml')).toBe('kept\n');
    expect(await runGitFixture(['rev-parse', 'HEAD'], first.dir)).toBe(first.commit);

    const fresh = GitMirror.create({ baseDir: tempDir() });
    await expect(fresh.sync('/nonexistent/callboard/repo')).rejects.toThrow(ServiceUnavailableError);
    expect(fs.readdirSync(path.dirname(fresh.dirFor('/nonexistent/callboard/repo')))).toEqual([]);
  });

  it('syncs from a dumb HTTP remote when http is explicitly allowed', async () => {
    const source = await repo({ 'catalog-info.yaml': 'over http\n' });
    const server = await serveGitOverHttp(source.dir);
    cleanups.push(() => server.stop());
    const mirror = GitMirror.create({ baseDir: tempDir(), allowHttp: true });

    const first = await mirror.sync(server.url);
    expect(first).toMatchObject({ commit: source.head, changed: true });
    expect(read(first.dir, 'catalog-info.yaml')).toBe('over http\n');
    // Dumb HTTP cannot serve a shallow clone, so the mirror falls back to a full one.
    expect(await runGitFixture(['rev-parse', '--is-shallow-repository'], first.dir)).toBe('false');

    const before = server.requests.length;
    await expect(mirror.sync(server.url)).resolves.toMatchObject({ changed: false });
    expect(server.requests.slice(before).filter((p) => p.includes('/objects/'))).toEqual([]);

    source.write({ 'catalog-info.yaml': 'changed over http\n' });
    const next = await source.commit('Change');
    await expect(mirror.sync(server.url)).resolves.toMatchObject({ commit: next, changed: true });
    expect(read(first.dir, 'catalog-info.yaml')).toBe('changed over http\n');

    await expect(GitMirror.create({ baseDir: tempDir() }).sync(server.url)).rejects.toThrow(/uses http, which is not accepted/);
  });

  it('gives up on a remote that does not answer within the timeout', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => undefined);
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as AddressInfo;
    const mirror = GitMirror.create({ baseDir: tempDir(), allowHttp: true, timeoutMs: 500 });
    const error = await mirror.sync(`http://127.0.0.1:${port}/repo.git`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toMatch(/git clone timed out after 500 ms$/);
  });

  it('accepts https, ssh and absolute-path remotes and refuses the rest', async () => {
    const mirror = GitMirror.create({ baseDir: tempDir(), timeoutMs: 10_000 });
    await expect(mirror.sync('relative/path')).rejects.toThrow(InputError);
    await expect(mirror.sync('-uhack')).rejects.toThrow(InputError);
    await expect(mirror.sync('ext::sh -c touch% /tmp/pwned')).rejects.toThrow(InputError);
    await expect(mirror.sync('git://example.com/repo.git')).rejects.toThrow(/uses git, which is not accepted/);
    await expect(mirror.sync('https://user:secret@example.com/repo.git')).rejects.toThrow(/carries credentials/);
    await expect(mirror.sync('http://example.com/repo.git')).rejects.toThrow(/uses http/);
    // Shapes that pass the checks reach git; nothing listens there, so git itself fails.
    const https = await mirror.sync('https://127.0.0.1:1/org/repo.git').catch((e: unknown) => e);
    expect(https).toBeInstanceOf(ServiceUnavailableError);
    expect((https as Error).message).toMatch(/Cannot sync the git remote https:\/\/127\.0\.0\.1:1\/org\/repo\.git: unable to access/);
    const ssh = await mirror.sync('git@127.0.0.1:org/repo.git').catch((e: unknown) => e);
    expect(ssh).toBeInstanceOf(ServiceUnavailableError);
  });
});

describe('listFiles', () => {
  it('lists matching files without following symlinks out of the folder', async () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'catalog-info.yaml'), 'secret\n');
    const source = await repo({
      'catalog-info.yaml': 'root\n',
      'services/a/catalog-info.yaml': 'a\n',
      '.github/catalog-info.yaml': 'dot\n',
      'services/b/other.yaml': 'b\n',
    });
    fs.symlinkSync(path.join(outside, 'catalog-info.yaml'), path.join(source.dir, 'services/b/catalog-info.yaml'));
    fs.symlinkSync(outside, path.join(source.dir, 'linked'));
    fs.writeFileSync(path.join(source.dir, '.git', 'catalog-info.yaml'), 'inside .git\n');

    expect(await listFiles(source.dir, '**/catalog-info.yaml')).toEqual([
      '.github/catalog-info.yaml',
      'catalog-info.yaml',
      'services/a/catalog-info.yaml',
    ]);
    expect(await listFiles(source.dir, 'services/*/*.yaml')).toEqual(['services/a/catalog-info.yaml', 'services/b/other.yaml']);
    await expect(listFiles(source.dir, '../**/*.yaml')).rejects.toThrow(InputError);
    await expect(listFiles(source.dir, '/etc/*')).rejects.toThrow(InputError);
  });
});
