/**
 * Characters that have no place in content: C0 and C1 controls other than tab and line endings, a
 * carriage return not followed by a line feed, and the two non-characters. None can be shown; each
 * makes XML feeds and badges not well-formed, breaks a calendar line or moves a terminal's cursor.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\r(?!\n)/;

const NAMES: Record<string, string> = {
  '\u0000': 'NUL',
  '\u0008': 'backspace',
  '\u000B': 'vertical tab',
  '\u000C': 'form feed',
  '\r': 'carriage return without a line feed',
  '\u001B': 'escape',
  '\u007F': 'delete',
};

/** The first control character in a text, as a message with its line; undefined when there is none. */
export function findControlCharacter(
  text: string,
): { line: number; message: string; name: string } | undefined {
  const match = CONTROL.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  const char = match[0];
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[char] ? `${code}, ${NAMES[char]}` : code;
  return {
    line,
    name,
    message: `has an invisible control character (${name}) at column ${column}; delete it (it often comes with text pasted from a terminal or a PDF)`,
  };
}

/** Removes what `findControlCharacter` finds: for output built from text that never passed the check. */
export function stripControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), '');
}
