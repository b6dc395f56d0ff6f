import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAllowedError, NotFoundError } from '@callboard/common';
import { startFakeGithub, type FakeGithub, type FakeGithubRepo } from '@callboard/test-utils';
import { RootConfig } from '../config/RootConfig.ts';
import { listGithubOrgRepos } from './listGithubOrgRepos.ts';
import { githubBlobUrl } from './githubUrls.ts';
import { UrlReader } from './UrlReader.ts';
import { GithubApi } from './GithubApi.ts';

const TOKEN = 'ghp_org_token';
let github: FakeGithub;

function configOf(data: Record<string, unknown>): RootConfig {
  return RootConfig.from({ data, baseDir: process.cwd(), files: [] });
}

beforeAll(async () => {
  const repos: Record<string, FakeGithubRepo> = {};
  // 250 repositories: three pages of GitHub's largest page size, 100.
  for (let i = 0; i < 250; i++) {
    repos[`northwind/service-${String(i).padStart(3, '0')}`] = {
      files: { 'catalog-info.yaml': `metadata:\n  name: service-${i}\n` },
      ...(i % 50 === 0 ? { archived: true } : {}),
      ...(i === 7 ? { defaultBranch: 'trunk' } : {}),
    };
  }
  repos['octo-person/dotfiles'] = { files: { 'README.md': 'hi' } };
  github = await startFakeGithub({ repos, token: TOKEN, users: ['octo-person'] });
});

afterAll(async () => {
  await github?.stop();
});

const config = () => configOf({ integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN }] } });

describe('listGithubOrgRepos', () => {
  it('follows pagination over three pages', async () => {
    const before = github.requests.length;
    const repos = await listGithubOrgRepos(config(), 'northwind');
    expect(repos).toHaveLength(250);
    expect(repos[0]).toEqual({
      name: 'service-000',
      defaultBranch: 'main',
      archived: true,
      htmlUrl: `${github.url}/northwind/service-000`,
    });
    expect(repos.find((r) => r.name === 'service-007')?.defaultBranch).toBe('trunk');
    expect(repos.filter((r) => r.archived)).toHaveLength(5);
    const pages = github.requests.slice(before).map((r) => r.path);
    expect(pages).toEqual([
      '/api/v3/orgs/northwind/repos?type=all&per_page=100',
      '/api/v3/orgs/northwind/repos?type=all&per_page=100&page=2',
      '/api/v3/orgs/northwind/repos?type=all&per_page=100&page=3',
    ]);
  });

  it('gives blob URLs that the reader can read', async () => {
    const [repo] = await listGithubOrgRepos(config(), `${github.url}/northwind`);
    const url = githubBlobUrl(repo!, 'catalog-info.yaml');
    expect(url).toBe(`${github.url}/northwind/service-000/blob/main/catalog-info.yaml`);
    const reader = UrlReader.fromConfig(config());
    await expect(reader.readUrl(url)).resolves.toMatchObject({ text: 'metadata:\n  name: service-0\n' });
  });

  it('takes host/org for a host other than the default, as GithubApi does', async () => {
    const api = GithubApi.fromConfig(config());
    const repos = await api.listOrgRepositories(`${github.host}/northwind`);
    expect(repos).toHaveLength(250);
    expect(api.blobUrl(repos[1]!, 'docs/a b.md')).toBe(`${github.url}/northwind/service-001/blob/main/docs/a%20b.md`);
    await expect(api.listOrgRepositories('ghe.example.com/northwind')).rejects.toThrow(
      /host 'ghe.example.com' is not in integrations.github/,
    );
  });

  it('falls back to a user account, and names an unknown owner', async () => {
    await expect(listGithubOrgRepos(config(), 'octo-person')).resolves.toEqual([
      { name: 'dotfiles', defaultBranch: 'main', archived: false, htmlUrl: `${github.url}/octo-person/dotfiles` },
    ]);
    await expect(listGithubOrgRepos(config(), 'nobody-here')).rejects.toThrow(NotFoundError);
    await expect(listGithubOrgRepos(config(), 'nobody-here')).rejects.toThrow(/No organisation or user 'nobody-here'/);
  });

  it('refuses hosts that are not configured', async () => {
    await expect(listGithubOrgRepos(configOf({}), 'northwind')).rejects.toBeInstanceOf(NotAllowedError);
    await expect(listGithubOrgRepos(config(), 'https://github.example.com/northwind')).rejects.toThrow(
      /host 'github.example.com' is not in integrations.github/,
    );
  });

  it('explains a bad token', async () => {
    const bad = configOf({ integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: 'nope' }] } });
    await expect(listGithubOrgRepos(bad, 'northwind')).rejects.toThrow(/rejected the token configured for it in integrations.github/);
  });
});
