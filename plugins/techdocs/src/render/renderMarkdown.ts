import { Marked, type Tokens } from 'marked';
import hljs from 'highlight.js/lib/common';
import type { TocEntry } from '../common/docsSchemas.ts';
import { SlugRegistry } from './slugify.ts';

export interface MarkdownResult {
  /** Unsanitised HTML: `sanitizeDocHtml` must run on it before anyone sees it. */
  html: string;
  /** The first level-1 heading, else the first heading. */
  title: string | undefined;
  toc: TocEntry[];
  hasMermaid: boolean;
}

/** Per-page state the renderer hooks write to; marked runs synchronously, so one at a time. */
interface PageState {
  /** The whole document and where admonitions may start in it, found once. */
  source: string;
  admonitionStarts: number[];
  slugs: SlugRegistry;
  toc: TocEntry[];
  title: string | undefined;
  firstHeading: string | undefined;
  hasMermaid: boolean;
}

let state: PageState | undefined;

function current(): PageState {
  if (!state) throw new Error('renderMarkdown hooks ran outside a render');
  return state;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Text of rendered inline HTML, for ids, titles and the table of contents. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

/** MkDocs' admonition types and Material's aliases; anything else keeps its own name as class. */
const ADMONITION_ALIASES: Record<string, string> = {
  summary: 'abstract',
  tldr: 'abstract',
  hint: 'tip',
  important: 'tip',
  check: 'success',
  done: 'success',
  help: 'question',
  faq: 'question',
  caution: 'warning',
  attention: 'warning',
  warn: 'warning',
  fail: 'failure',
  missing: 'failure',
  error: 'danger',
  cite: 'quote',
};

const ADMONITION = /^(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)((?:[ \t]+[A-Za-z][\w-]*)*)(?:[ \t]+"([^"\n]*)")?[ \t]*(?:\n|$)/;

interface AdmonitionToken extends Tokens.Generic {
  type: 'admonition';
  marker: string;
  kind: string;
  extraClasses: string[];
  title: string | undefined;
  tokens: Tokens.Generic[];
}

const ADMONITION_START = /^(?:!!!|\?\?\?)[ \t]/gm;

/**
 * marked asks an extension where it could next start, at every block, with
 * the rest of the document: a regex over the rest each time is quadratic on
 * a large page. Top-level text is a suffix of the page, so the answer comes
 * from the offsets found once; nested text (lists, quotes) is searched directly.
 */
function nextAdmonitionStart(src: string): number | undefined {
  const page = state;
  if (page) {
    const offset = page.source.length - src.length;
    if (offset >= 0 && page.source.startsWith(src.slice(0, 32), offset)) {
      const starts = page.admonitionStarts;
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      const found = starts[lo];
      // A start that is not at a line start of `src` itself is still found by the tokenizer later.
      return found === undefined ? undefined : found - offset;
    }
  }
  ADMONITION_START.lastIndex = 0;
  return ADMONITION_START.exec(src)?.index;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const marked = new Marked({
  gfm: true,
  async: false,
  extensions: [
    {
      name: 'admonition',
      level: 'block',
      start(src) {
        return nextAdmonitionStart(src);
      },
      tokenizer(src) {
        const head = ADMONITION.exec(src);
        if (!head) return undefined;
        // The body is every following line indented by four spaces (or a tab);
        // blank lines inside it belong to it, trailing ones do not.
        const body: string[] = [];
        let offset = head[0].length;
        let end = offset;
        let kept = 0;
        while (offset < src.length) {
          const newline = src.indexOf('\n', offset);
          const lineEnd = newline === -1 ? src.length : newline;
          const next = newline === -1 ? src.length : newline + 1;
          const line = src.slice(offset, lineEnd);
          if (/^( {4}|\t)/.test(line)) {
            body.push(line.replace(/^( {4}|\t)/, ''));
            kept = body.length;
            end = next;
          } else if (line.trim() === '') {
            body.push('');
          } else break;
          offset = next;
        }
        body.length = kept;
        const raw = src.slice(0, end);
        const token: AdmonitionToken = {
          type: 'admonition',
          raw,
          marker: head[1]!,
          kind: head[2]!.toLowerCase(),
          extraClasses: (head[3] ?? '').trim().split(/\s+/).filter(Boolean).map((c) => c.toLowerCase()),
          title: head[4],
          tokens: [],
        };
        this.lexer.blockTokens(body.join('\n'), token.tokens);
        return token;
      },
      renderer(token) {
        const t = token as AdmonitionToken;
        const style = ADMONITION_ALIASES[t.kind] ?? t.kind;
        const classes = ['admonition', style, ...(style !== t.kind ? [t.kind] : []), ...t.extraClasses].map(escapeHtml).join(' ');
        const title = t.title ?? capitalise(t.kind);
        const inner = this.parser.parse(t.tokens);
        if (t.marker.startsWith('???')) {
          return `<details class="${classes}"${t.marker === '???+' ? ' open' : ''}><summary>${escapeHtml(title || capitalise(t.kind))}</summary>${inner}</details>\n`;
        }
        const titleHtml = title === '' ? '' : `<p class="admonition-title">${escapeHtml(title)}</p>`;
        return `<div class="${classes}">${titleHtml}${inner}</div>\n`;
      },
    },
  ],
  renderer: {
    heading({ tokens, depth }) {
      const page = current();
      const inner = this.parser.parseInline(tokens);
      const text = plainText(inner);
      const id = page.slugs.take(text);
      if (depth === 1 && page.title === undefined) page.title = text;
      page.firstHeading ??= text;
      if (depth >= 2 && depth <= 4) page.toc.push({ id, title: text, level: depth });
      return `<h${depth} id="${escapeHtml(id)}">${inner}</h${depth}>\n`;
    },
    code({ text, lang }) {
      const language = (lang ?? '').trim().split(/[\s{]/)[0]?.toLowerCase() ?? '';
      if (language === 'mermaid') {
        current().hasMermaid = true;
        return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
      }
      const known = language && hljs.getLanguage(language) ? language : undefined;
      const body = known ? hljs.highlight(text, { language: known, ignoreIllegals: true }).value : escapeHtml(text);
      const langClass = known ? ` language-${escapeHtml(known)}` : '';
      return `<pre><code class="hljs${langClass}">${body}</code></pre>\n`;
    },
  },
});

/**
 * Markdown to HTML the way MkDocs users write it: GitHub-flavoured Markdown,
 * admonitions, highlighted code, heading ids MkDocs would give, and Mermaid
 * blocks left for the browser to draw.
 */
export function renderMarkdown(markdown: string): MarkdownResult {
  const source = stripFrontMatter(markdown).replace(/\r\n?/g, '\n');
  const admonitionStarts = [...source.matchAll(ADMONITION_START)].map((m) => m.index);
  const page: PageState = { source, admonitionStarts, slugs: new SlugRegistry(), toc: [], title: undefined, firstHeading: undefined, hasMermaid: false };
  state = page;
  try {
    const html = marked.parse(source) as string;
    return { html, title: page.title ?? page.firstHeading, toc: page.toc, hasMermaid: page.hasMermaid };
  } finally {
    state = undefined;
  }
}

/** MkDocs reads YAML front matter as page metadata; it is not content. */
function stripFrontMatter(markdown: string): string {
  if (!markdown.startsWith('---')) return markdown;
  const end = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(markdown);
  return end ? markdown.slice(end[0].length) : markdown;
}
