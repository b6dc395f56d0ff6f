import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, runGitFixture, type GitRepoFixture } from '@callboard/test-utils';
import { LocalDocsSource } from './LocalDocsSource.ts';

describe('LocalDocsSource.lastUpdated', () => {
  let repo: GitRepoFixture;
  const clones: string[] = [];
  let lastCommitDate: string;

  beforeAll(async () => {
    repo = await createGitRepo({ 'docs/index.md': '# Home\n', 'docs/old.md': '# Old\n' });
    await repo.commit('docs');
    repo.write({ 'docs/index.md': '# Home\n\nChanged.\n' });
    await repo.commit('change the home page');
    lastCommitDate = await runGitFixture(['log', '-1', '--format=%cI'], repo.dir);
  });
  afterAll(async () => {
    await repo?.cleanup();
    for (const dir of clones) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function shallowClone(depth: number): Promise<string> {
    const dir = `${repo.dir}-depth-${depth}`;
    clones.push(dir);
    await runGitFixture(['clone', '--quiet', '--depth', String(depth), pathToFileURL(repo.dir).href, dir], path.dirname(repo.dir));
    return dir;
  }

  it('dates every file from the full history', async () => {
    const dates = await (await LocalDocsSource.open(repo.dir)).lastUpdated('docs');
    expect([...dates.keys()].sort()).toEqual(['index.md', 'old.md']);
    expect(dates.get('index.md')).toBe(lastCommitDate);
  });

  it('leaves out files a shallow clone cannot date, rather than dating them to its oldest commit', async () => {
    const depth1 = await (await LocalDocsSource.open(await shallowClone(1))).lastUpdated('docs');
    expect(depth1.size).toBe(0);
    const depth2 = await (await LocalDocsSource.open(await shallowClone(2))).lastUpdated('docs');
    expect([...depth2]).toEqual([['index.md', lastCommitDate]]);
  });
});
