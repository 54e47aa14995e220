import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * Markdown from content files to HTML. Raw HTML in the Markdown is dropped (remark-rehype without
 * allowDangerousHtml) and the result is sanitized with GitHub's rules (rehype-sanitize), so a
 * `<script>` or a `javascript:` link in an update never reaches a page or a feed.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

const cache = new Map<string, string>();

export function renderMarkdown(markdown: string): string {
  let html = cache.get(markdown);
  if (html === undefined) {
    html = String(processor.processSync(markdown));
    cache.set(markdown, html);
  }
  return html;
}
