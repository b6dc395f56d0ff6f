import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTree, runAction, tempDir } from '../../testing/runAction.ts';
import { createDebugLogAction, createDebugWaitAction } from './debug.ts';
import { createFsDeleteAction, createFsRenameAction } from './filesystem.ts';

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const workspace = (files: Record<string, string>) => {
  const dir = tempDir(files);
  cleanup.push(dir);
  return dir;
};

describe('fs:rename', () => {
  it('moves files inside the workspace and refuses destinations outside it', async () => {
    const workspacePath = workspace({ 'a.txt': 'a', 'b.txt': 'b', 'dir/c.txt': 'c' });
    await runAction(createFsRenameAction(), { files: [{ from: 'a.txt', to: 'moved/a.txt' }, { from: 'dir', to: 'dir2' }] }, { workspacePath });
    expect(readTree(workspacePath)).toEqual({ 'moved/a.txt': 'a', 'b.txt': 'b', 'dir2/c.txt': 'c' });
    await expect(runAction(createFsRenameAction(), { files: [{ from: 'b.txt', to: '../b.txt' }] }, { workspacePath })).rejects.toThrow(
      "The fs:rename destination '../b.txt' leads outside the task's workspace",
    );
    await expect(runAction(createFsRenameAction(), { files: [{ from: 'b.txt', to: 'moved/a.txt' }] }, { workspacePath })).rejects.toThrow(
      /already exists; set overwrite: true/,
    );
    expect(fs.existsSync(path.join(workspacePath, 'b.txt'))).toBe(true);
  });

  it('does not write through a symbolic link that leads out of the workspace', async () => {
    const outside = workspace({});
    const workspacePath = workspace({ 'a.txt': 'a' });
    fs.symlinkSync(outside, path.join(workspacePath, 'door'));
    await expect(runAction(createFsRenameAction(), { files: [{ from: 'a.txt', to: 'door/a.txt' }] }, { workspacePath })).rejects.toThrow(
      /through a symbolic link/,
    );
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});

describe('fs:delete', () => {
  it('deletes paths and globs inside the workspace only', async () => {
    const workspacePath = workspace({ 'a.txt': 'a', 'keep.md': 'k', 'tmp/x.log': 'x', 'tmp/y.log': 'y' });
    await runAction(createFsDeleteAction(), { files: ['a.txt', 'tmp/*.log'] }, { workspacePath });
    expect(readTree(workspacePath)).toEqual({ 'keep.md': 'k' });
    await expect(runAction(createFsDeleteAction(), { files: ['../*'] }, { workspacePath })).rejects.toThrow(/leads outside/);
  });
});

describe('debug actions', () => {
  it('debug:log writes messages and lists the workspace', async () => {
    const workspacePath = workspace({ 'a.txt': 'a', 'd/b.txt': 'b' });
    const run = await runAction(createDebugLogAction(), { message: 'hello', listWorkspace: true }, { workspacePath });
    expect(run.logs).toEqual(['hello', 'a.txt', 'd/b.txt']);
  });

  it('debug:wait waits and stops when cancelled', async () => {
    const workspacePath = workspace({});
    const started = Date.now();
    await runAction(createDebugWaitAction(), { milliseconds: 50 }, { workspacePath });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('Task cancelled')), 20);
    await expect(runAction(createDebugWaitAction(), { seconds: 30 }, { workspacePath, signal: controller.signal })).rejects.toThrow('Task cancelled');
  });
});
