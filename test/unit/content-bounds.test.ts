import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/loader/problem.ts';
import { MARKDOWN_LIMITS, measureMarkdown } from '../../src/text/markdown-bounds.ts';
import { renderMarkdown } from '../../src/text/markdown.ts';
import { toPlainText } from '../../src/text/plain-text.ts';
import { ACCEPTED_SHAPES, REFUSED_SHAPES } from '../helpers/markdown-shapes.ts';
import { baseTree, validate } from '../helpers/tree.ts';

// Issue 27: what check refuses so that every file it accepts builds, and renders quickly.

const INCIDENT = 'content/incidents/2026-11-21-queue-delays.md';

/** An incident whose first update says `message` (in a block scalar) and whose body is `body`. */
function incident(message: string, body = ''): string {
  const indented = message
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return [
    '---',
    'title: Queue delays',
    'severity: P3',
    'started: 2026-11-21T09:00:00Z',
    'components:',
    '  - id: api',
    '    impact: degraded_performance',
    'updates:',
    '  - at: 2026-11-21T09:05:00Z',
    '    status: investigating',
    '    message: |-',
    indented,
    '---',
    body,
  ].join('\n');
}

/** What check says about the base tree with the incident added: every problem, and the content. */
function check(text: string, file = INCIDENT) {
  const tree = baseTree();
  tree.incidents.push({ file, text });
  const result = validate(tree);
  return { result, lines: result.problems.map(formatProblem) };
}

describe('Markdown too deep, too dense or too long to render is refused by check', () => {
  test('the 40 KB update of 20,000 nested quotes is refused on its field, not left to crash every build', () => {
    const { result, lines } = check(incident(`${'> '.repeat(20_000)}x`));
    expect(lines).toEqual([
      `${INCIDENT}:11  updates[0].message  is 40,001 characters long, more than the 5,000 it may hold; shorten it, and link to long material (logs, data) instead of pasting it`,
    ]);
    expect(result.content).toBeUndefined();
  });

  test('a short update nested too deep is refused with the fix', () => {
    const { lines } = check(incident(`We are looking.\n\n${'> '.repeat(40)}x`));
    expect(lines).toEqual([
      `${INCIDENT}:11  updates[0].message  in its line 3, nests block quotes and list items more than 32 deep; flatten them, or escape a ">" or list marker that is text ("\\>", "\\-")`,
    ]);
  });

  test('brackets nested too deep in the body are refused on their line of the file', () => {
    const { lines } = check(incident('Looking.', `Summary.\n\n${'['.repeat(5000)}x${']'.repeat(5000)}\n`));
    expect(lines).toEqual([
      `${INCIDENT}:16  (body)  opens more than 32 brackets "[" inside one another in one paragraph; escape the ones that are text as "\\["`,
    ]);
  });

  // Each mark of a run counts: a run of 25,000 took 220 s to render, and 2,500 more than a second.
  test.each([
    ['a body', '*', `${'*'.repeat(24_999)}a${'*'.repeat(24_999)}`, ''],
    ['an update', '*', 'Looking.', `${'*'.repeat(2_499)}a${'*'.repeat(2_499)}`],
    ['an update', '_', 'Looking.', `${'_'.repeat(2_499)}a${'_'.repeat(2_499)}`],
    // (At the start of a text, "~~~" opens a fenced code block, which is quick: this one is in a paragraph.)
    ['an update', '~', 'Looking.', `x ${'~'.repeat(2_498)}a${'~'.repeat(2_498)}`],
  ])('a long run of emphasis marks in %s ("%s") is refused with the fix', (_, __, body, message) => {
    const { result, lines } = check(incident(message || 'Looking.', message ? '' : body));
    const where = message ? `${INCIDENT}:11  updates[0].message  ` : `${INCIDENT}:14  (body)  `;
    expect(lines).toEqual([
      `${where}has more than 32 "*", "_" or "~" in a row; escape each one ("\\*", "\\_", "\\~"), or put them in a fenced code block`,
    ]);
    expect(result.content).toBeUndefined();
  });

  // Each line a paragraph goes on lazily costs more than the one before: 3,000 took 1 to 2 s.
  test.each([
    ['block quote', `> a\n${'b\n'.repeat(2998)}`],
    ['list item', `- a\n${'b\n'.repeat(2997)}`],
  ])('a %s going on for thousands of lines without its marker is refused with the fix', (_, body) => {
    expect(check(incident('Looking.', body)).lines).toEqual([
      `${INCIDENT}:265  (body)  goes on for more than 250 lines of one paragraph without the ">" of its block quote or the indentation of its list item; start each line with ">" (or indent it), or end the quote or item with a blank line`,
    ]);
  });

  test('runs as long as allowed, a long thematic break and a long fence are accepted, and render', () => {
    const runs = `${'*'.repeat(32)}a${'*'.repeat(32)} ${'_'.repeat(32)}b${'_'.repeat(32)} ${'~'.repeat(32)}c`;
    const body = `${runs}\n\n${'*'.repeat(80)}\n\n${'`'.repeat(40)}\ncode\n${'`'.repeat(40)}\n`;
    const { result, lines } = check(incident(runs, body));
    expect(lines).toEqual([]);
    expect(result.content).toBeDefined();
    expect(renderMarkdown(body)).toContain('<hr');
    expect(toPlainText(runs)).toContain('a');
  });

  test('a file whose texts together weigh too much is refused on the heaviest one', () => {
    const paragraphs = Array.from({ length: 3100 }, (_, i) => `P${i}.`).join('\n\n');
    const { lines } = check(incident('Looking.', paragraphs));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^content\/incidents\/2026-11-21-queue-delays\.md:14 {2}\(body\) {2}with the rest of the file, makes 3,1\d\d lines, list items, quotes, links and emphasis marks to render, more than the 3,000 a file may hold; shorten the longest texts/,
    );
  });
});

describe('the deepest Markdown check accepts renders, as HTML and as plain text', () => {
  // One paragraph of each shape, as deep and as dense as allowed; the fuzz tier renders them
  // them as large as allowed. How fast is measured by hand, not here: tests do not time.
  test.each(Object.entries(ACCEPTED_SHAPES))('%s', (_, make) => {
    const text = make(0);
    const measure = measureMarkdown(text, MARKDOWN_LIMITS.body);
    expect(measure.excess).toBeUndefined();
    expect(measure.weight).toBeLessThanOrEqual(MARKDOWN_LIMITS.weight);
    expect(renderMarkdown(text)).not.toBe('');
    expect(() => toPlainText(text)).not.toThrow();
  });
});

describe('one step past a limit is refused', () => {
  test.each(Object.entries(REFUSED_SHAPES))('%s', (_, text) => {
    expect(measureMarkdown(text, MARKDOWN_LIMITS.body).excess?.message).toMatch(/; /);
  });

  test('marks in a fenced code block are text, and do not count', () => {
    const code = `${'['.repeat(40)} ${']'.repeat(48)} ${'a* '.repeat(40)}`;
    expect(measureMarkdown(`Code:\n\n\`\`\`\n${code}\n\`\`\``, MARKDOWN_LIMITS.body).excess).toBeUndefined();
    expect(measureMarkdown(`~~~\n${code}\n~~~\n\nText.`, MARKDOWN_LIMITS.body).excess).toBeUndefined();
  });

  // Each of these hides marks from a scan that trusts too much, but not from the parser.
  test.each([
    ['a fence its block quote has left', '> ```\n'],
    ['a fence its list item has left', '- a\n\n  ```\n'],
    ['a fence indented as code', '    ```\n'],
    ['a fence right after a paragraph', 'Text.\n```\n'],
    ['a fence inside an HTML comment', '<!--\n\n```\n-->\n\n'],
    ["a fence that is a link definition's destination", '[a]:\n```\n'],
    ['a code span opened inside an HTML tag', '<a title="`">'],
    ['a code span opened inside an autolink', 'www.example.com/`'],
    ['a code span across table cells', '| `x | '],
  ])('%s hides nothing', (_, before) => {
    expect(measureMarkdown(`${before}${'a] '.repeat(40)}\``, MARKDOWN_LIMITS.body).excess).toBeDefined();
  });

  test.each([
    ['an empty list item', '* \n'],
    ['a "#" with no space', '#x '],
    ['an ordered item that cannot start a list', '2. '],
    ['an item indented as code', '    - '],
  ])('a paragraph goes on past %s', (_, start) => {
    const line = 'a] '.repeat(20);
    expect(measureMarkdown(`${line}\n${start}${line}`, MARKDOWN_LIMITS.body).excess).toBeDefined();
  });
});

describe('an incident and a maintenance window with one id', () => {
  test('are refused, each naming the other file', () => {
    const tree = baseTree();
    tree.maintenance.push({
      file: 'test/fixtures/base/maintenance/2026-11-20-api-errors.md',
      text: [
        '---',
        'title: API upgrade',
        'components: [api]',
        'announced: 2026-11-19T10:00:00Z',
        'scheduled_start: 2026-11-20T02:00:00Z',
        'scheduled_end: 2026-11-20T03:00:00Z',
        '---',
        '',
      ].join('\n'),
    });
    const lines = validate(tree).problems.map(formatProblem);
    expect(lines).toEqual([
      'test/fixtures/base/incidents/2026-11-20-api-errors.md  (file)  id "2026-11-20-api-errors" is also used by the maintenance window test/fixtures/base/maintenance/2026-11-20-api-errors.md; incidents and maintenance windows share one list of ids in the API; rename one of the files',
      'test/fixtures/base/maintenance/2026-11-20-api-errors.md  (file)  id "2026-11-20-api-errors" is already used by the incident test/fixtures/base/incidents/2026-11-20-api-errors.md; incidents and maintenance windows share one list of ids in the API; rename one of the files',
    ]);
  });
});

describe('invisible characters in titles, names and other texts', () => {
  const titled = (title: string) => incident('Looking.').replace('title: Queue delays', `title: ${title}`);

  test.each([
    ['\u202E', 'U+202E, right-to-left override'],
    ['\u2066', 'U+2066, left-to-right isolate'],
    ['\u202A', 'U+202A, left-to-right embedding'],
  ])('a direction control (%j) in a title is refused on its line', (char, name) => {
    const { result, lines } = check(titled(`Queue ${char}delays`));
    expect(lines).toEqual([
      `${INCIDENT}:2  title  has an invisible direction control (${name}) at column 7: it changes the order the text around it is shown in, so readers would not see what was written; delete it`,
    ]);
    expect(result.content).toBeUndefined();
  });

  test('a direction control in a component name is refused too', () => {
    const tree = baseTree();
    tree.components = {
      ...tree.components!,
      text: tree.components!.text.replace('name: API', 'name: "A\\u2067PI"'),
    };
    const lines = validate(tree).problems.map(formatProblem);
    expect(lines).toEqual([
      expect.stringMatching(
        /components\.yaml:2 {2}\[0\]\.name {2}has an invisible direction control \(U\+2067, right-to-left isolate\)/,
      ),
    ]);
  });

  test('a zero-width space is a warning with its line: the site still builds', () => {
    const { result, lines } = check(titled('Queue\u200Bdelays'));
    expect(lines).toEqual([
      `${INCIDENT}:2  title  warning: has an invisible zero-width character (U+200B, zero-width space) at column 6: two texts that look the same would differ; delete it (it often comes with pasted text)`,
    ]);
    expect(result.content).toBeDefined();
  });

  test('a joiner between Latin letters is a warning, in an emoji sequence or a Persian word it is writing', () => {
    expect(check(titled('Queue\u200Ddelays')).lines).toEqual([
      expect.stringContaining('U+200D, zero-width joiner'),
    ]);
    expect(check(titled('Family 👩\u200D👩\u200D👧 day')).lines).toEqual([]);
    expect(check(titled('می\u200Cخواهم')).lines).toEqual([]);
  });
});
