import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGitFixture } from '@callboard/test-utils';
import { readGithubTargets } from '../../github/githubIntegrations.ts';
import { startFakeGithubPublisher, type FakeGithubPublisher } from '../../testing/fakeGithubPublisher.ts';
import { runAction, tempDir } from '../../testing/runAction.ts';
import { createPublishGithubAction } from './publishGithub.ts';

const defaults = { defaultBranch: 'main', author: { name: 'Platform Bot', email: 'bot@acme.invalid' }, commitMessage: 'Initial commit', allowHttp: false, allowLocalRemotes: false };
let github: FakeGithubPublisher;
const cleanup: string[] = [];

beforeAll(async () => {
  github = await startFakeGithubPublisher({ token: 'ghp_test', orgs: ['acme'], user: 'ann' });
});
afterAll(async () => {
  await github.stop();
  cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function action(token?: string) {
  const targets = readGithubTargets([{ host: github.host, apiBaseUrl: github.apiBaseUrl, ...(token ? { token } : {}) }]);
  return createPublishGithubAction({ targets, defaults });
}
function workspace() {
  const dir = tempDir({ 'README.md': '# web\n', 'catalog-info.yaml': 'kind: Component\n' });
  cleanup.push(dir);
  return dir;
}

describe('publish:github against a fake GitHub', () => {
  it('creates the repository in the organisation and pushes the workspace to it', async () => {
    const run = await runAction(
      action('ghp_test'),
      { repoUrl: `${github.host}?owner=acme&repo=web`, description: 'The web shop', repoVisibility: 'internal', topics: ['Shop'] },
      { workspacePath: workspace() },
    );
    const create = github.requests.find((r) => r.method === 'POST' && r.path === '/api/v3/orgs/acme/repos');
    expect(create?.body).toEqual({ name: 'web', description: 'The web shop', private: true, visibility: 'internal' });
    expect(github.requests).toContainEqual({ method: 'PUT', path: '/api/v3/repos/acme/web/topics', body: { names: ['shop'] } });
    const bare = path.join(github.root, 'acme/web.git');
    expect(await runGitFixture(['--git-dir', bare, 'ls-tree', '-r', '--name-only', 'main'], bare)).toBe('README.md\ncatalog-info.yaml');
    expect(run.output).toEqual({
      remoteUrl: `${github.url}/acme/web`,
      repoContentsUrl: `${github.url}/acme/web/blob/main`,
      commitHash: await runGitFixture(['--git-dir', bare, 'rev-parse', 'main'], bare),
    });
  });

  it("creates a user's repository only with that user's token, and refuses existing names", async () => {
    await runAction(action('ghp_test'), { repoUrl: `${github.host}?owner=ann&repo=notes` }, { workspacePath: workspace() });
    expect(github.requests.some((r) => r.method === 'POST' && r.path === '/api/v3/user/repos')).toBe(true);
    await expect(runAction(action('ghp_test'), { repoUrl: `${github.host}?owner=ann&repo=notes` }, { workspacePath: workspace() })).rejects.toThrow(
      'The repository ann/notes already exists',
    );
    await expect(runAction(action('ghp_test'), { repoUrl: `${github.host}?owner=nobody&repo=x` }, { workspacePath: workspace() })).rejects.toThrow(
      "has no user or organisation 'nobody'",
    );
  });

  it('needs a configured host and a token', async () => {
    await expect(runAction(action('ghp_test'), { repoUrl: 'github.com?owner=acme&repo=x' }, { workspacePath: workspace() })).rejects.toThrow(
      "No GitHub integration for host 'github.com'",
    );
    await expect(runAction(action(), { repoUrl: `${github.host}?owner=acme&repo=x` }, { workspacePath: workspace() })).rejects.toThrow(/No token/);
    await expect(runAction(action('ghp_test'), { repoUrl: `${github.host}?owner=acme` }, { workspacePath: workspace() })).rejects.toThrow(
      /must look like github.com\?owner=acme&repo=web-shop/,
    );
  });
});
