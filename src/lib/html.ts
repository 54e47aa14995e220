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
