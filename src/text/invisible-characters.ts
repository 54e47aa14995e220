/**
 * Invisible characters that control how text is shown. A direction override or isolate (U+202A–202E,
 * U+2066–2069) reorders the text around it, so that a title reads differently from what was written
 * (and from what a reviewer saw in the diff). A zero-width character makes two texts that look alike
 * differ, for search, for links and for readers' tools; it usually comes with pasted text.
 */
const INVISIBLE = /[\u200B-\u200D\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

const DIRECTION = /[\u202A-\u202E\u2066-\u2069]/;

const NAMES: Record<string, string> = {
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2060': 'word joiner',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
  '\uFEFF': 'zero-width no-break space, or byte order mark',
};

/** A character that joins or separates within a word: an emoji sequence, Persian or Indic writing. */
const JOINS = /[^\s\p{ASCII}]/u;

interface InvisibleCharacter {
  line: number;
  /** A direction control, which is refused; a zero-width character is a warning. */
  direction: boolean;
  message: string;
}

/**
 * The first direction control in a text, else the first zero-width character that is no joiner
 * inside a word; undefined when there is none. ZWJ and ZWNJ between two letters or emoji of a script
 * other than Latin are how that script or emoji sequence is written, and are left alone.
 */
export function findInvisibleCharacter(text: string): InvisibleCharacter | undefined {
  let zeroWidth: RegExpExecArray | undefined;
  for (const match of text.matchAll(INVISIBLE)) {
    const char = match[0];
    if (DIRECTION.test(char)) return describe(text, match, true);
    const joiner = char === '\u200C' || char === '\u200D';
    const inWord = JOINS.test(text[match.index - 1] ?? ' ') && JOINS.test(text[match.index + 1] ?? ' ');
    if (!zeroWidth && !(joiner && inWord)) zeroWidth = match;
  }
  return zeroWidth ? describe(text, zeroWidth, false) : undefined;
}

function describe(text: string, match: RegExpExecArray, direction: boolean): InvisibleCharacter {
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  const char = match[0];
  const name = `U+${char.charCodeAt(0).toString(16).toUpperCase()}, ${NAMES[char]}`;
  return {
    line,
    direction,
    message: direction
      ? `has an invisible direction control (${name}) at column ${column}: it changes the order the text around it is shown in, so readers would not see what was written; delete it`
      : `has an invisible zero-width character (${name}) at column ${column}: two texts that look the same would differ; delete it (it often comes with pasted text)`,
  };
}
