import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { renderError } from './render-error.ts';

/**
 * Markdown to plain text for feed descriptions, the JSON API, the calendar and the monthly report.
 * The Markdown is parsed (remark earns its cost here) and only its words are kept: link text without
 * the URL, code as written, no raw HTML, no images, and none of the backslash escapes a Markdown
 * writer would add (`AT&T` stays `AT&T`). Anything left that looks like a tag is taken out, so that a
 * careless consumer who pastes the text into HTML gets no markup from it.
 */
const parser = unified().use(remarkParse).use(remarkGfm).freeze();
const cache = new Map<string, string>();

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'code',
  'table',
  'tableRow',
  'thematicBreak',
]);

function textOf(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'html':
    case 'image':
    case 'imageReference':
    case 'definition':
    case 'footnoteDefinition':
    case 'thematicBreak':
      return '';
    case 'break':
      return '\n';
    default: {
      if (!('children' in node)) return '';
      // The text between raw <script> or <style> tags is code, not words: it goes with the tags.
      let skipping = false;
      const parts = (node.children as Nodes[]).map((child) => {
        if (child.type === 'html') {
          if (/^<(script|style)\b/i.test(child.value) && !/<\/(script|style)>\s*$/i.test(child.value))
            skipping = true;
          else if (/^<\/(script|style)>/i.test(child.value)) skipping = false;
          return '';
        }
        return skipping ? '' : textOf(child);
      });
      const separator = node.type === 'tableRow' ? ' | ' : node.type === 'table' ? '\n' : '';
      const joined = node.children.some((child) => BLOCKS.has(child.type))
        ? parts.filter((part) => part.trim() !== '').join(node.type === 'list' ? '\n' : '\n\n')
        : parts.join(separator);
      return joined;
    }
  }
}

/** Tags that survived as text (an escaped `\<iframe>`), and a `<` that would open one. */
function untag(text: string): string {
  return text.replace(/<\/?[A-Za-z!?][^<>]*>/g, '').replace(/<(?=[A-Za-z!/?])/g, '‹');
}

export function toPlainText(markdown: string): string {
  let text = cache.get(markdown);
  if (text === undefined) {
    let words: string;
    try {
      words = textOf(parser.parse(markdown));
    } catch (error) {
      throw renderError(markdown, error);
    }
    text = untag(words)
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    cache.set(markdown, text);
  }
  return text;
}
