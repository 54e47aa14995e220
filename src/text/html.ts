import { isoTime } from '../schemas/common.ts';
import { stripControlCharacters } from './control-characters.ts';

/**
 * Escapes text for HTML and XML content and attribute values. Control characters are dropped: XML
 * cannot carry them at all (content with them is refused by check; this keeps every feed and badge
 * well-formed even for text that never went through it).
 */
export function escapeHtml(text: string): string {
  return stripControlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * A `<time>` element as markup, for a placeholder of a sentence (`Locale.html`): the machine-readable
 * time (or date alone), and the text the reader sees, escaped.
 */
export function timeElement(at: number, shown: string, dateOnly = false): string {
  const machine = isoTime(at);
  return `<time datetime="${dateOnly ? machine.slice(0, 10) : machine}">${escapeHtml(shown)}</time>`;
}
