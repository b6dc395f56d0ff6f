import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPathInside, realPathOfExisting } from './paths.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-paths-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('paths', () => {
  it('tells inside from outside by the written path', () => {
    expect(isPathInside('/srv/docs', '/srv/docs')).toBe(true);
    expect(isPathInside('/srv/docs', '/srv/docs/a/b.md')).toBe(true);
    // A name that merely starts with two dots is inside.
    expect(isPathInside('/srv/docs', '/srv/docs/..notes')).toBe(true);
    expect(isPathInside('/srv/docs', '/srv/docs/../secret')).toBe(false);
    expect(isPathInside('/srv/docs', '/srv')).toBe(false);
    expect(isPathInside('/srv/docs', '/srv/docs-other/x')).toBe(false);
  });

  it('follows symlinks in the existing part and keeps the rest', () => {
    const inside = path.join(dir, 'inside');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(inside);
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(inside, 'door'));
    const real = realPathOfExisting(path.join(inside, 'door', 'new', 'file.txt'));
    expect(real).toEqual({ path: path.join(fs.realpathSync(outside), 'new', 'file.txt'), exists: false });
    expect(isPathInside(fs.realpathSync(inside), real.path)).toBe(false);
    expect(realPathOfExisting(inside)).toEqual({ path: fs.realpathSync(inside), exists: true });
  });
});
