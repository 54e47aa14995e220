import { remark } from 'remark';
import strip from 'strip-markdown';

/** Markdown to plain text for feed descriptions and the JSON API (remark earns its cost here). */
const processor = remark().use(strip).freeze();
const cache = new Map<string, string>();

export function toPlainText(markdown: string): string {
  let text = cache.get(markdown);
  if (text === undefined) {
    text = String(processor.processSync(markdown))
      .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
      .trim();
    cache.set(markdown, text);
  }
  return text;
}
