import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { renderError } from './render-error.ts';

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
  .use(() => linkExternalImages)
  .use(rehypeStringify)
  .freeze();

/**
 * An image from another origin would be blocked by the pages' Content-Security-Policy and, in a feed,
 * would make every reader fetch from a third party: it becomes a link to the image instead.
 */
function linkExternalImages(node: HastNode): void {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    const src = child.type === 'element' && child.tagName === 'img' ? child.properties?.src : undefined;
    if (typeof src === 'string' && /^([a-z][a-z+.-]*:)?\/\//i.test(src)) {
      const alt = child.properties?.alt;
      return {
        type: 'element',
        tagName: 'a',
        properties: { href: src },
        children: [{ type: 'text', value: typeof alt === 'string' && alt ? `Image: ${alt}` : 'Image' }],
      };
    }
    linkExternalImages(child);
    return child;
  });
}

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const cache = new Map<string, string>();

export function renderMarkdown(markdown: string): string {
  let html = cache.get(markdown);
  if (html === undefined) {
    try {
      html = String(processor.processSync(markdown));
    } catch (error) {
      throw renderError(markdown, error);
    }
    cache.set(markdown, html);
  }
  return html;
}
