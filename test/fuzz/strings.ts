import fc from 'fast-check';

/** Text an author, a paste or an attacker might put in a field: anything, weighted to the sharp edges. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        '---',
        '\n---\n',
        '\r\n',
        '\r',
        '\u0000',
        '\u0008',
        '\u001b[31m',
        '\u0085',
        '\uFFFE',
        '\u2028',
        '<script>alert(1)</script>',
        ']]>',
        '&amp;',
        '"',
        "'",
        ': ',
        ' #',
        '*alias',
        '&anchor',
        '{{',
        '![x](https://evil.example/x.png)',
        '[a](javascript:alert(1))',
        '\\',
        ';,',
        'é',
        '🚨',
        '  ',
        '\t',
        'word',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

/** XML 1.0 allows only these characters in a document (§2.2). */
export const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
