import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGitFixture } from '@callboard/test-utils';
import { createFetchTemplateAction } from '../actions/builtin/fetchTemplate.ts';
import { TemplateSandbox } from '../templating/TemplateSandbox.ts';
import { startFakeGithubPublisher, type FakeGithubPublisher } from '../testing/fakeGithubPublisher.ts';
import { readTree, runAction, tempDir } from '../testing/runAction.ts';
import { resolveGithubUrl } from './fetchGithubTree.ts';
import { readGithubTargets } from './githubIntegrations.ts';

let github: FakeGithubPublisher;
const cleanup: string[] = [];

beforeAll(async () => {
  github = await startFakeGithubPublisher({ token: 'ghp_read', orgs: ['acme'], user: 'ann' });
  // A templates repository on the fake host: acme/templates, branch main.
  const bare = path.join(github.root, 'acme', 'templates.git');
  fs.mkdirSync(bare, { recursive: true });
  await runGitFixture(['init', '--bare', '--quiet', '--initial-branch', 'main'], bare);
  const work = tempDir({
    'services/go/template.yaml': 'kind: Template\n',
    'services/go/skeleton/README.md': '# ${{ values.name }}\n',
    'services/go/skeleton/${{ values.name }}.go': 'package ${{ values.name }}\n',
    'shared/catalog-info/catalog-info.yaml': 'name: ${{ values.name }}\n',
  });
  cleanup.push(work);
  await runGitFixture(['init', '--quiet', '--initial-branch', 'main'], work);
  await runGitFixture(['add', '--all'], work);
  await runGitFixture(['commit', '--quiet', '-m', 'templates'], work);
  await runGitFixture(['push', '--quiet', bare, 'main'], work);
});
afterAll(async () => {
  await github.stop();
  cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

describe('skeletons of templates that live on GitHub', () => {
  it('resolves relative URLs against the template file and refuses to leave the repository', () => {
    const base = 'https://github.com/acme/templates/blob/main/services/go/template.yaml';
    expect(resolveGithubUrl(base, './skeleton')).toMatchObject({ owner: 'acme', repo: 'templates', ref: 'main', path: 'services/go/skeleton' });
    expect(resolveGithubUrl(base, '../../shared/catalog-info/')).toMatchObject({ path: 'shared/catalog-info' });
    expect(() => resolveGithubUrl(base, '../../../other-repo/x')).toThrow("leads outside the template's repository");
    expect(resolveGithubUrl(undefined, 'https://github.com/backstage/community/tree/main/sessions')).toMatchObject({
      owner: 'backstage',
      repo: 'community',
      path: 'sessions',
    });
  });

  it('fetch:template checks the repository out with the integration token and renders the skeleton', async () => {
    const githubTargets = readGithubTargets([{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: 'ghp_read' }]);
    const action = createFetchTemplateAction({ sandbox: TemplateSandbox.create(), githubTargets });
    const workspacePath = tempDir();
    cleanup.push(workspacePath);
    const templateInfo = `${github.url}/acme/templates/blob/main/services/go/template.yaml`;
    await runAction(action, { url: './skeleton', values: { name: 'orders' } }, { workspacePath, baseUrl: templateInfo });
    await runAction(action, { url: '../../shared/catalog-info', values: { name: 'orders' } }, { workspacePath, baseUrl: templateInfo });
    expect(readTree(workspacePath)).toEqual({ 'README.md': '# orders\n', 'orders.go': 'package orders\n', 'catalog-info.yaml': 'name: orders\n' });
    expect(github.requests.some((r) => r.path === '/acme/templates.git/git-upload-pack')).toBe(true);

    const noToken = createFetchTemplateAction({
      sandbox: TemplateSandbox.create(),
      githubTargets: readGithubTargets([{ host: github.host, apiBaseUrl: github.apiBaseUrl }]),
    });
    await expect(runAction(noToken, { url: './skeleton' }, { workspacePath, baseUrl: templateInfo })).rejects.toThrow(/git clone failed/);
    await expect(runAction(action, { url: './missing' }, { workspacePath, baseUrl: templateInfo })).rejects.toThrow(
      "acme/templates has no 'services/go/missing' on main",
    );
  });
});
