import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGitFixture } from '@callboard/test-utils';
import { serveGitSmartHttp } from '../../testing/serveGitSmartHttp.ts';
import { runAction, tempDir } from '../../testing/runAction.ts';
import { createPublishGitAction, type PublishGitDefaults } from './publishGit.ts';

const defaults: PublishGitDefaults = {
  defaultBranch: 'trunk',
  author: { name: 'Platform Bot', email: 'bot@acme.invalid' },
  commitMessage: 'Created from a template',
  allowHttp: true,
  allowLocalRemotes: true,
};
const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function bareRepo(): Promise<string> {
  const root = tempDir();
  cleanup.push(root);
  const repo = path.join(root, 'service.git');
  fs.mkdirSync(repo);
  await runGitFixture(['init', '--bare', '--quiet'], repo);
  return repo;
}

function workspaceWithFiles(): string {
  const dir = tempDir({ 'README.md': '# service\n', 'src/index.js': 'export {};\n', 'sub/only.txt': 'sub\n' });
  cleanup.push(dir);
  return dir;
}

describe('publish:git', () => {
  it('commits the workspace and pushes it to a local bare repository with the configured branch and author', async () => {
    const repo = await bareRepo();
    const workspacePath = workspaceWithFiles();
    const run = await runAction(createPublishGitAction(defaults), { remoteUrl: repo }, { workspacePath });
    expect(await runGitFixture(['--git-dir', repo, 'log', '--format=%an <%ae>|%s', 'trunk'], repo)).toBe(
      'Platform Bot <bot@acme.invalid>|Created from a template',
    );
    expect((await runGitFixture(['--git-dir', repo, 'ls-tree', '-r', '--name-only', 'trunk'], repo)).split('\n')).toEqual([
      'README.md',
      'src/index.js',
      'sub/only.txt',
    ]);
    expect(run.output.commitHash).toBe(await runGitFixture(['--git-dir', repo, 'rev-parse', 'trunk'], repo));
    expect(run.output).toMatchObject({ remoteUrl: repo, branch: 'trunk' });
  });

  it('pushes over HTTP to a git server on loopback, publishing only sourcePath with the given branch and message', async () => {
    const repo = await bareRepo();
    const server = await serveGitSmartHttp(path.dirname(repo));
    try {
      const workspacePath = workspaceWithFiles();
      await runAction(
        createPublishGitAction(defaults),
        { remoteUrl: `${server.url}/service.git`, defaultBranch: 'main', sourcePath: 'sub', gitCommitMessage: 'hello', gitAuthorName: 'Ann' },
        { workspacePath },
      );
      expect(server.requests.some((r) => r.startsWith('POST /service.git/git-receive-pack'))).toBe(true);
      expect(await runGitFixture(['--git-dir', repo, 'log', '--format=%an|%s', 'main'], repo)).toBe('Ann|hello');
      expect(await runGitFixture(['--git-dir', repo, 'ls-tree', '-r', '--name-only', 'main'], repo)).toBe('only.txt');
    } finally {
      await server.stop();
    }
  });

  it('refuses http and local paths unless allowed, credentials in URLs, sourcePaths outside the workspace and option-like remotes', async () => {
    const workspacePath = workspaceWithFiles();
    const strict = createPublishGitAction({ ...defaults, allowHttp: false, allowLocalRemotes: false });
    await expect(runAction(strict, { remoteUrl: 'http://127.0.0.1:1/x.git' }, { workspacePath })).rejects.toThrow(/does not push over http/);
    await expect(runAction(strict, { remoteUrl: 'https://user:pw@example.com/x.git' }, { workspacePath })).rejects.toThrow(/carries a password/);
    await expect(runAction(strict, { remoteUrl: '--upload-pack=touch /tmp/x' }, { workspacePath })).rejects.toThrow(/is not a git remote URL/);
    await expect(runAction(strict, { remoteUrl: 'ext::sh -c touch% /tmp/pwned' }, { workspacePath })).rejects.toThrow(/does not push over ext/);
    await expect(runAction(strict, { remoteUrl: '/srv/callboard/.git' }, { workspacePath })).rejects.toThrow(
      "publish:git does not push to local paths ('/srv/callboard/.git') unless scaffolder.git.allowLocalRemotes is set",
    );
    await expect(runAction(strict, { remoteUrl: 'file:///srv/x.git' }, { workspacePath })).rejects.toThrow(/unless scaffolder.git.allowLocalRemotes/);
    const local = createPublishGitAction(defaults);
    await expect(runAction(local, { remoteUrl: '/tmp/x.git', sourcePath: '../..' }, { workspacePath })).rejects.toThrow(/leads outside/);
    await expect(runAction(local, { remoteUrl: '/tmp/x.git', defaultBranch: 'bad..name' }, { workspacePath })).rejects.toThrow(
      /not a valid git branch name/,
    );
  });

  it('names the git failure when the push is refused', async () => {
    const workspacePath = workspaceWithFiles();
    const missing = path.join(tempDir(), 'nope.git');
    await expect(runAction(createPublishGitAction(defaults), { remoteUrl: missing }, { workspacePath })).rejects.toThrow(/git push failed: .*nope\.git/);
  });
});
