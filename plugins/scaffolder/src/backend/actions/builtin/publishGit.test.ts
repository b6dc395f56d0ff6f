import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGitFixture } from '@callboard/test-utils';
import { serveGitSmartHttp } from '../../testing/serveGitSmartHttp.ts';
import { runAction, tempDir } from '../../testing/runAction.ts';
import { readGithubTargets } from '../../github/githubIntegrations.ts';
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

describe('publish:git with repoUrl', () => {
  // As an administrator would run it: local paths in remoteUrl stay refused.
  const strict = { ...defaults, allowHttp: false, allowLocalRemotes: false };
  function localHost() {
    const root = tempDir();
    cleanup.push(root);
    const directory = path.join(root, 'repos');
    return { root, directory, action: createPublishGitAction(strict, { local: { directory }, github: [] }) };
  }

  it('creates a bare repository on the local host, pushes the branch, and outputs its path', async () => {
    const { directory, action } = localHost();
    const run = await runAction(action, { repoUrl: 'local?owner=team-a&repo=web-shop', defaultBranch: 'develop' }, { workspacePath: workspaceWithFiles() });
    const repo = path.join(directory, 'team-a', 'web-shop.git');
    expect(run.output).toEqual({ remoteUrl: repo, commitHash: await runGitFixture(['--git-dir', repo, 'rev-parse', 'develop'], repo), branch: 'develop' });
    expect(await runGitFixture(['--git-dir', repo, 'rev-parse', '--is-bare-repository'], repo)).toBe('true');
    // HEAD names the pushed branch, so a clone (the catalog's mirror) checks it out.
    expect(await runGitFixture(['--git-dir', repo, 'symbolic-ref', 'HEAD'], repo)).toBe('refs/heads/develop');
    expect(await runGitFixture(['--git-dir', repo, 'ls-tree', '-r', '--name-only', 'HEAD'], repo)).toContain('README.md');
  });

  it('publishes into an empty repository that exists and refuses one that has commits', async () => {
    const { directory, action } = localHost();
    const empty = path.join(directory, 'acme', 'empty.git');
    fs.mkdirSync(empty, { recursive: true });
    await runGitFixture(['init', '--bare', '--quiet'], empty);
    await runAction(action, { repoUrl: 'local?owner=acme&repo=empty' }, { workspacePath: workspaceWithFiles() });
    expect(await runGitFixture(['--git-dir', empty, 'log', '--format=%s', 'trunk'], empty)).toBe('Created from a template');

    const before = await runGitFixture(['--git-dir', empty, 'rev-parse', 'trunk'], empty);
    await expect(runAction(action, { repoUrl: 'local?owner=acme&repo=empty' }, { workspacePath: workspaceWithFiles() })).rejects.toThrow(
      'a repository local?owner=acme&repo=empty already exists; choose another name',
    );
    expect(await runGitFixture(['--git-dir', empty, 'rev-parse', 'trunk'], empty)).toBe(before);
    // A folder that is not a repository is not overwritten either.
    fs.mkdirSync(path.join(directory, 'acme', 'notes.git', 'x'), { recursive: true });
    await expect(runAction(action, { repoUrl: 'local?owner=acme&repo=notes' }, { workspacePath: workspaceWithFiles() })).rejects.toThrow(/already exists/);
  });

  it('refuses owner and repository names that could leave the directory, and symlinks leading out', async () => {
    const { root, directory, action } = localHost();
    const workspacePath = workspaceWithFiles();
    for (const repoUrl of [
      'local?owner=..&repo=x',
      'local?owner=acme&repo=..',
      'local?owner=acme&repo=../../x',
      'local?owner=a%2Fb&repo=x',
      'local?owner=.hidden&repo=x',
      'local?owner=acme&repo=x.git',
      'local?owner=-rf&repo=x',
      'local?repo=x',
    ]) {
      await expect(runAction(action, { repoUrl }, { workspacePath }), repoUrl).rejects.toThrow(/is not a name the local Git host accepts/);
    }
    const outside = path.join(root, 'outside');
    fs.mkdirSync(outside);
    fs.mkdirSync(directory);
    fs.symlinkSync(outside, path.join(directory, 'sneaky'));
    await expect(runAction(action, { repoUrl: 'local?owner=sneaky&repo=x' }, { workspacePath })).rejects.toThrow(/outside integrations.local.directory/);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('pushes to an existing repository on a GitHub host with the integration token, and refuses unknown hosts', async () => {
    const root = tempDir();
    cleanup.push(root);
    const repo = path.join(root, 'acme', 'web.git');
    fs.mkdirSync(repo, { recursive: true });
    await runGitFixture(['init', '--bare', '--quiet'], repo);
    const server = await serveGitSmartHttp(root);
    try {
      const host = new URL(server.url).host;
      const github = readGithubTargets([{ host, apiBaseUrl: `${server.url}/api/v3`, token: 'ghp_x' }]);
      const action = createPublishGitAction(strict, { local: { directory: path.join(root, 'local') }, github });
      const run = await runAction(action, { repoUrl: `${host}?owner=acme&repo=web` }, { workspacePath: workspaceWithFiles() });
      expect(run.output).toMatchObject({ remoteUrl: `${server.url}/acme/web.git`, repoContentsUrl: `${server.url}/acme/web/blob/trunk`, branch: 'trunk' });
      expect(await runGitFixture(['--git-dir', repo, 'rev-parse', 'trunk'], repo)).toBe(run.output.commitHash);

      await expect(runAction(action, { repoUrl: 'gitlab.com?owner=acme&repo=web' }, { workspacePath: workspaceWithFiles() })).rejects.toThrow(
        `publish:git cannot publish to 'gitlab.com': it is not a configured Git host (configured: local, ${host})`,
      );
    } finally {
      await server.stop();
    }
    // Without integrations.local, 'local' is just an unknown host.
    await expect(runAction(createPublishGitAction(strict), { repoUrl: 'local?owner=a&repo=b' }, { workspacePath: workspaceWithFiles() })).rejects.toThrow(
      "publish:git cannot publish to 'local': it is not a configured Git host (configured: none)",
    );
  });

  it('needs exactly one of remoteUrl and repoUrl', async () => {
    const { action } = localHost();
    const workspacePath = workspaceWithFiles();
    await expect(runAction(action, {}, { workspacePath })).rejects.toThrow(/exactly one of remoteUrl and repoUrl/);
    await expect(runAction(action, { remoteUrl: 'https://example.com/x.git', repoUrl: 'local?owner=a&repo=b' }, { workspacePath })).rejects.toThrow(
      /exactly one of remoteUrl and repoUrl/,
    );
  });
});
