import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { historyFeed } from '../../src/formats/feeds.ts';
import { buildApiDocuments } from '../../src/formats/statuspage-documents.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { MARKDOWN_LIMITS } from '../../src/text/markdown-bounds.ts';
import { renderMarkdown } from '../../src/text/markdown.ts';
import { toPlainText } from '../../src/text/plain-text.ts';
import { ACCEPTED_SHAPES } from '../helpers/markdown-shapes.ts';
import { FIXTURE_NOW } from '../helpers/tree.ts';
import { fuzzedTree } from './fuzzed-tree.ts';
import { FUZZ, FUZZ_TIMEOUT } from './settings.ts';

// Issue 27: whatever the nesting and whatever invisible characters a text holds, check refuses it on
// a named line, or the content renders, as HTML and as plain text, without throwing.

const NOW = Date.parse(FIXTURE_NOW);

/** Characters that are no text: direction controls, zero-width characters, control characters. */
const oddCharacter = fc.constantFrom(
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u0000',
  '\u001b',
  '\u0085',
  '\r',
  '👩\u200D👩',
);

/** Markers that nest, as a prefix to repeat and, where they close, a suffix. */
const nesting = fc.constantFrom(
  ['> ', ''],
  ['- ', ''],
  ['1. ', ''],
  ['  ', ''],
  ['[', ']'],
  ['![', '](x)'],
  ['[^', ']'],
  ['*', '*'],
  ['_', '_'],
  ['**', '**'],
  ['~~', '~~'],
  ['*_', '_*'],
  ['*a ', ' a*'],
  ['`', '`'],
  ['```\n', '\n```'],
  ['a] ', ''],
  ['a* ', ''],
  ['> x\n\n', ''],
);

/** A text nested to a random depth, line by line or on one line, with odd characters in it. */
const nestedText = fc
  .record({
    marker: nesting,
    // Mostly near the limits, sometimes far past them.
    depth: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 300 })),
    lines: fc.boolean(),
    odd: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      fc.array(fc.tuple(fc.nat(), oddCharacter), { maxLength: 2 }),
    ),
    word: fc.constantFrom('x', 'Queue delays', 'é', '🚨'),
  })
  .map(({ marker: [open, close], depth, lines, odd, word }) => {
    const text = lines
      ? Array.from({ length: depth }, (_, i) => `${open.repeat(i)}${word}${close.repeat(i)}`).join('\n')
      : `${open.repeat(depth)}${word}${close.repeat(depth)}`;
    let result = text || word;
    for (const [at, char] of odd) {
      const i = at % (result.length + 1);
      result = result.slice(0, i) + char + result.slice(i);
    }
    return result;
  });

/** The base site with an incident and a maintenance window whose texts are the fuzzed ones. */
const treeWith = (title: string, message: string, body: string) =>
  fuzzedTree({
    title,
    message,
    resolvedMessage: `Resolved. ${message}`,
    body,
    windowTitle: title,
    windowBody: `${body}\n`,
  });

/** Renders every text of the content as the site, the feeds and the API do. */
function renderAll(content: NonNullable<ReturnType<typeof validateContent>['content']>) {
  for (const incident of content.incidents) {
    for (const text of [incident.body, ...incident.updates.map((u) => u.message ?? '')]) {
      renderMarkdown(text);
      toPlainText(text);
    }
  }
  for (const window of content.maintenance)
    for (const text of [window.body, ...window.updates.map((u) => u.message)]) {
      renderMarkdown(text);
      toPlainText(text);
    }
  historyFeed(content);
  buildApiDocuments(content, content.site.url);
}

describe('Markdown fuzz: any nesting, any invisible character, in every text', () => {
  test(
    'check refuses it on a named line, or every text renders',
    () => {
      let built = 0;
      fc.assert(
        fc.property(
          fc.oneof(fc.constant('Queue delays'), nestedText),
          nestedText,
          nestedText,
          (title, message, body) => {
            const result = validateContent(treeWith(title, message, body), {
              statusmarkNow: FIXTURE_NOW,
              realNow: NOW,
            });
            const errors = result.problems.filter((p) => p.severity === 'error');
            if (errors.length > 0) {
              for (const problem of errors) {
                expect(problem.line, JSON.stringify(problem)).toBeTypeOf('number');
                expect(problem.message).toMatch(/\S/);
              }
              expect(result.content).toBeUndefined();
              return;
            }
            built++;
            expect(() => renderAll(result.content!)).not.toThrow();
          },
        ),
        FUZZ,
      );
      // The generator is not so hostile that nothing is ever accepted.
      expect(built).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT,
  );

  test(
    'the hardest Markdown of each shape, as large as a body may be, is accepted and renders',
    () => {
      // As many shapes as the search's time allows (each takes a second or so on a loaded machine).
      const until = Date.now() + FUZZ.interruptAfterTimeLimit;
      for (const [shape, make] of Object.entries(ACCEPTED_SHAPES)) {
        if (Date.now() > until) break;
        const body = make(MARKDOWN_LIMITS.body);
        const result = validateContent(treeWith('Queue delays', 'We are looking.', body), {
          statusmarkNow: FIXTURE_NOW,
          realNow: NOW,
        });
        expect(
          result.problems.filter((p) => p.severity === 'error'),
          shape,
        ).toEqual([]);
        expect(() => renderAll(result.content!), shape).not.toThrow();
      }
    },
    FUZZ_TIMEOUT,
  );
});
