import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitRepo, runGitFixture, type GitRepoFixture } from '@callboard/test-utils';
import { LocalDocsSource } from '../render/LocalDocsSource.ts';
import { GitHistory } from './GitHistory.ts';
import { GitMirrorDocsSource } from './GitMirrorDocsSource.ts';

function captureWarnings() {
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message) } as unknown as ConstructorParameters<typeof GitHistory>[0]['logger'];
  return { logger, warnings };
}

/* A depth-1 clone, as the catalog keeps, and TechDocs' own history beside it. */
describe('GitHistory', () => {
  let repo: GitRepoFixture;
  let dir: string;
  let mirrorDir: string;

  beforeEach(async () => {
    repo = await createGitRepo({ 'site/mkdocs.yml': 'site_name: S\n', 'site/docs/a.md': '# A\n', 'site/docs/b.md': '# B\n' }, { date: '2023-05-01T00:00:00Z' });
    repo.write({ 'site/docs/b.md': '# B\n\nchanged\n' });
    await repo.commit('b', { date: '2023-06-01T00:00:00Z' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-history-'));
    mirrorDir = path.join(dir, 'mirror');
    await runGitFixture(['clone', '--quiet', '--depth', '1', `file://${repo.dir}`, mirrorDir], dir);
  });
  afterEach(async () => {
    await repo.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dates files under a folder of the repository, relative to it', async () => {
    const { logger, warnings } = captureWarnings();
    const history = new GitHistory({ baseDir: path.join(dir, 'history'), logger });
    const dates = await history.lastUpdated(mirrorDir, 'site/docs');
    expect([...dates].map(([file, date]) => [file, new Date(date).toISOString()])).toEqual([
      ['b.md', '2023-06-01T00:00:00.000Z'],
      ['a.md', '2023-05-01T00:00:00.000Z'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('goes on without dates when a first clone outlasts the scan, and says when they are ready', async () => {
    const { logger } = captureWarnings();
    const history = new GitHistory({ baseDir: path.join(dir, 'history'), logger });
    let ready!: () => void;
    const late = new Promise<void>((resolve) => (ready = resolve));
    const source = new GitMirrorDocsSource(await LocalDocsSource.open(path.join(mirrorDir, 'site')), {
      mirrorDir,
      history,
      waitMs: 0,
      onLateDates: () => ready(),
    });
    expect((await source.lastUpdated('docs')).size).toBe(0);
    await late;
    const source2 = new GitMirrorDocsSource(await LocalDocsSource.open(path.join(mirrorDir, 'site')), { mirrorDir, history, waitMs: 5000 });
    expect(new Date((await source2.lastUpdated('docs')).get('a.md')!).toISOString()).toBe('2023-05-01T00:00:00.000Z');
  });

  it('refuses a mirror whose remote carries credentials, as the catalog does, without repeating them', async () => {
    await runGitFixture(['config', 'remote.origin.url', 'https://someone:secret@git.example.invalid/org/repo.git'], mirrorDir);
    const { logger, warnings } = captureWarnings();
    const history = new GitHistory({ baseDir: path.join(dir, 'history'), logger });
    expect((await history.lastUpdated(mirrorDir, 'site/docs')).size).toBe(0);
    expect((await history.lastUpdated(mirrorDir, 'site/docs')).size).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/carries credentials/);
    expect(warnings[0]).not.toContain('secret');
    expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
  });
});
