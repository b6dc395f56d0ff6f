import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeContent } from '../testing/activeContent.ts';
import { renderPage } from './renderPage.ts';
import { renderMarkdown } from './renderMarkdown.ts';
import { slugify } from './slugify.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures');

const ctx = (pagePath: string, files: string[]) => ({
  pagePath,
  files: new Set(files),
  pages: new Map(files.filter((f) => f.endsWith('.md')).map((f) => [f.replace(/(^|\/)index\.md$/, '').replace(/\.md$/, ''), f])),
  pageHref: (route: string, hash: string) => `/docs/${route}${hash ? `#${hash}` : ''}`,
  assetHref: (file: string) => `/static/${file}`,
  fallbackTitle: 'Fallback',
});

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured Markdown: tables, task lists, strikethrough, autolinks', () => {
    const { html } = renderMarkdown('| a | b |\n|---|:-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~gone~~ and https://example.com/x\n');
    expect(html).toContain('<table>');
    expect(html).toMatch(/<th align="center">b<\/th>/);
    expect(html).toMatch(/<input checked="" disabled="" type="checkbox"/);
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<a href="https://example.com/x">https://example.com/x</a>');
  });

  it('gives headings MkDocs ids, unique per page, and a table of contents from h2 to h4', () => {
    const result = renderMarkdown('# Title\n\n## Getting started!\n\n### Install `npm`\n\n## Getting started!\n\n##### deep\n');
    expect(result.title).toBe('Title');
    expect(result.toc).toEqual([
      { id: 'getting-started', title: 'Getting started!', level: 2 },
      { id: 'install-npm', title: 'Install npm', level: 3 },
      { id: 'getting-started_1', title: 'Getting started!', level: 2 },
    ]);
    expect(result.html).toContain('<h5 id="deep">');
    expect(slugify('Héllo, Wörld -- again')).toBe('hello-world-again');
  });

  it('highlights code on the server and leaves Mermaid for the browser', () => {
    const result = renderMarkdown('```ts\nconst a: number = 1;\n```\n\n```mermaid\ngraph TD; A-->B\n```\n\n```nosuchlang\n<b>\n```\n');
    expect(result.html).toContain('<code class="hljs language-ts"><span class="hljs-keyword">const</span>');
    expect(result.html).toContain('<pre class="mermaid">graph TD; A--&gt;B</pre>');
    expect(result.html).toContain('<code class="hljs">&lt;b&gt;</code>');
    expect(result.hasMermaid).toBe(true);
    expect(renderMarkdown('```js\nx\n```').hasMermaid).toBe(false);
  });

  it('renders admonitions: titled, untitled, collapsible and open', () => {
    const md = [
      '!!! note "Read this"',
      '    Body with **bold**.',
      '',
      '    Second paragraph.',
      '',
      'After.',
      '',
      '!!! warning',
      '    Careful.',
      '',
      '??? tip "Hidden"',
      '    Surprise.',
      '',
      '???+ danger',
      '    Open by default.',
      '',
      '!!! info ""',
      '    No title.',
    ].join('\n');
    const { html } = renderMarkdown(md);
    expect(html).toContain('<div class="admonition note"><p class="admonition-title">Read this</p><p>Body with <strong>bold</strong>.</p>\n<p>Second paragraph.</p>');
    expect(html).toMatch(/<\/div>\n<p>After.<\/p>/);
    expect(html).toContain('<div class="admonition warning"><p class="admonition-title">Warning</p><p>Careful.</p>');
    expect(html).toContain('<details class="admonition tip"><summary>Hidden</summary><p>Surprise.</p>');
    expect(html).toContain('<details class="admonition danger" open><summary>Danger</summary>');
    expect(html).toContain('<div class="admonition info"><p>No title.</p>');
  });
});

describe('renderPage', () => {
  const files = ['index.md', 'guide/setup.md', 'guide/index.md', 'images/logo.png', 'files/sample.zip'];

  it('rewrites links between pages to reader routes and assets to the backend', () => {
    const md = '[setup](guide/setup.md#install) [guide](guide/) [up](../index.md) [zip](files/sample.zip) [here](#top) ![logo](images/logo.png)';
    const page = renderPage(md.replace('../index.md', 'index.md'), ctx('index.md', files));
    expect(page.html).toContain('<a href="/docs/guide/setup#install">setup</a>');
    expect(page.html).toContain('<a href="/docs/guide">guide</a>');
    expect(page.html).toContain('<a href="/static/files/sample.zip">zip</a>');
    expect(page.html).toContain('<a href="#top">here</a>');
    expect(page.html).toContain('<img alt="logo" src="/static/images/logo.png" loading="lazy" />');
    const nested = renderPage('[home](../index.md) ![l](../images/logo.png)', ctx('guide/setup.md', files));
    expect(nested.html).toContain('<a href="/docs/">home</a>');
    expect(nested.html).toContain('src="/static/images/logo.png"');
    expect(page.warnings).toEqual([]);
  });

  it('warns about broken links and missing images, and refuses paths that leave the docs folder', () => {
    const page = renderPage('[gone](nope.md) ![missing](img/none.png) [out](../../secret.md) ![out](../../../etc/passwd)', ctx('guide/setup.md', files));
    expect(page.warnings.map((w) => w.kind)).toEqual(['broken-link', 'missing-image', 'refused-path', 'refused-path']);
    expect(page.html).not.toContain('secret');
    expect(page.html).not.toContain('passwd');
    expect(page.html).toContain('<img alt="missing" />');
  });

  it('refuses a page over the size limit with a message, quickly', () => {
    const big = `# Big\n\n${'lorem ipsum dolor sit amet '.repeat(200_000)}`;
    const started = performance.now();
    const page = renderPage(big, { ...ctx('big.md', ['big.md']), maxPageBytes: 2 * 1024 * 1024 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(page.warnings).toEqual([expect.objectContaining({ kind: 'too-large', page: 'big.md' })]);
    expect(page.html).toContain('This page is too large to show');
    expect(page.html).toContain('over the 2.0 MB limit');
  });

  it('renders a 5 MB page when the limit allows it, without hanging', () => {
    const section = '## Section\n\nSome *text* with `code` and a [link](https://example.com).\n\n```js\nconst x = 1;\n```\n\n';
    const big = `# Big\n\n${section.repeat(Math.ceil((5 * 1024 * 1024) / section.length))}`;
    const started = performance.now();
    const page = renderPage(big, { ...ctx('big.md', ['big.md']), maxPageBytes: 8 * 1024 * 1024 });
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(page.title).toBe('Big');
    expect(page.toc.length).toBeGreaterThan(1000);
  });
});

describe('sanitising', () => {
  it('the inertness check itself finds active content', () => {
    expect(activeContent('<img src=x onerror=alert(1)><a href="jav&#x09;ascript:x">a</a><script>x</script><p>javascript: is text</p>')).toEqual([
      'img[onerror]',
      'a[href=jav\tascript:x]',
      '<script>',
    ]);
  });

  it('neutralises every hostile construct of the fixtures, in Markdown and raw HTML', () => {
    const dir = path.join(FIXTURES, 'hostile/authored/techdocs-xss/docs');
    for (const file of fs.readdirSync(dir)) {
      const page = renderPage(fs.readFileSync(path.join(dir, file), 'utf8'), ctx(file, fs.readdirSync(dir)));
      expect(activeContent(page.html), file).toEqual([]);
    }
    const extra = renderPage(
      '<a href="data:text/html,<script>x</script>">d</a> <img src="data:image/png;base64,AAAA"> <img src="data:text/html,x"> <iframe src="https://example.com"></iframe> <form action="https://x"><button formaction="javascript:x">b</button></form> <a href="//evil.example/x">p</a>',
      ctx('index.md', ['index.md']),
    );
    expect(activeContent(extra.html)).toEqual([]);
    expect(extra.html).toContain('<img src="data:image/png;base64,AAAA"');
    expect(extra.html).not.toContain('iframe');
  });
});
