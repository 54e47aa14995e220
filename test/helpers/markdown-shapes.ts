import { MARKDOWN_LIMITS, measureMarkdown } from '../../src/text/markdown-bounds.ts';

/**
 * The hardest Markdown `check` accepts, shape by shape: each as deep, as dense and as long as the
 * limits allow (a paragraph of it repeated as often as a text of `size` characters, and a file's
 * weight, allow). What the renderers must turn into HTML and plain text, quickly and without throwing.
 */

const { depth, open, run, unmatched, marks, lazy } = MARKDOWN_LIMITS;

const repeat = (paragraph: string, count: number) =>
  Array.from({ length: count }, () => paragraph).join('\n\n');

/** `paragraph` repeated, separated by blank lines, as often as a text of `size` characters may hold. */
function fill(paragraph: string, size: number): string {
  const fits = (count: number) => {
    const measure = measureMarkdown(repeat(paragraph, count), size);
    // The file's front matter weighs a little too.
    return !measure.excess && measure.weight <= MARKDOWN_LIMITS.weight - 50;
  };
  let [low, high] = [1, Math.max(1, Math.floor((size + 2) / (paragraph.length + 2)))];
  if (fits(high)) return repeat(paragraph, high);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return repeat(paragraph, low);
}

/** How many copies of a unit of `each` marks fit in one paragraph. */
const perParagraph = (each: number) => Math.floor(marks / each);

export const ACCEPTED_SHAPES: Record<string, (size: number) => string> = {
  'block quotes nested as deep as allowed': (size) => fill(`${'> '.repeat(depth)}x`, size),
  'lists nested by indentation': (size) =>
    fill(Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'), size),
  'list markers nested on one line': (size) => fill(`${'- '.repeat(depth)}x`, size),
  'quotes and lists mixed': (size) => fill(`${'> - '.repeat(depth / 2)}x`, size),
  'brackets nested': (size) =>
    fill(`${'['.repeat(open)}x${']'.repeat(open)} `.repeat(perParagraph(2 * open)), size),
  'brackets left open': (size) => fill(`${'[a '.repeat(open)}`, size),
  'emphasis nested': (size) => fill(`${'*a _a '.repeat(open / 2)}x${' a_ a*'.repeat(open / 2)}`, size),
  'emphasis nested, * and _ touching': (size) => fill(`${'*_'.repeat(8)}x${'_*'.repeat(8)}`, size),
  'emphasis left open': (size) => fill('*a '.repeat(open), size),
  'closing marks with nothing to close': (size) =>
    fill(
      `${'a] '.repeat(unmatched / 4)}${'a* '.repeat(unmatched / 4)}${'a_ '.repeat(unmatched / 4)}${'a~ '.repeat(unmatched / 4)}`,
      size,
    ),
  'links, as many as a paragraph may hold': (size) =>
    fill('[a](https://x.example/b) '.repeat(perParagraph(2)), size),
  'emphasis pairs, as many as a paragraph may hold': (size) =>
    fill('*a* **b** '.repeat(perParagraph(6)), size),
  'strikethrough pairs': (size) => fill('~~a~~ '.repeat(perParagraph(4)), size),
  'runs of emphasis marks as long as allowed': (size) =>
    fill(`${'*'.repeat(run)}a${'*'.repeat(run)} `.repeat(perParagraph(2 * run)), size),
  'runs of each mark, as long as allowed, left open': (size) =>
    fill(`${'*'.repeat(run)}a ${'_'.repeat(run)}b ${'~'.repeat(run)}c `.repeat(perParagraph(3 * run)), size),
  'link reference chains': (size) => {
    const names = Array.from({ length: perParagraph(2) }, (_, i) => `r${i}`);
    const definitions = names.map((name) => `[${name}]: https://x.example/${name}`).join('\n');
    return fill(`${definitions}\n\n${names.map((name) => `[${name}]`).join('')}`, size);
  },
  footnotes: (size) => fill('Text[^1] and[^2].\n\n[^1]: One.\n[^2]: Two.', size),
  'a table of many rows': (size) =>
    fill(
      ['| a | b |', '| - | - |', ...Array.from({ length: 120 }, (_, i) => `| *${i}* | [x](y) |`)].join('\n'),
      size,
    ),
  'one long paragraph of words': (size) => 'word '.repeat(Math.max(1, Math.floor(size / 5))).trim(),
  'block quotes, one after another': (size) => fill('> x', size),
  'list items': (size) => fill('- a\n- b', size),
  'block quotes going on lazily, as long as allowed': (size) => fill(`> a\n${'b\n'.repeat(lazy)}`, size),
  'list items going on lazily, as long as allowed': (size) => fill(`- a\n${'b\n'.repeat(lazy)}`, size),
  'one short paragraph per line': (size) => fill('w', size),
  'tags, autolinks and code spans': (size) =>
    fill('<b>x</b> <http://a.example> www.a.example a@b.example `c` '.repeat(20), size),
  'code spans': (size) => fill('`a[i]` `x_y` `**kwargs**` '.repeat(70), size),
  'a fenced block of marks': (size) =>
    `\`\`\`\n${'[*_]] **_ '.repeat(Math.max(1, Math.floor((size - 8) / 10)))}\n\`\`\``,
  'lines of one word': (size) => fill(Array.from({ length: 50 }, () => 'w').join('\n'), size),
};

/** Each shape one step past a limit: what `check` refuses. */
export const REFUSED_SHAPES: Record<string, string> = {
  'the 20,000 nested quotes of the report': `${'> '.repeat(20_000)}x`,
  'block quotes one deeper than allowed': `${'> '.repeat(depth + 1)}x`,
  'lists one deeper than allowed': Array.from({ length: depth + 1 }, (_, i) => `${'  '.repeat(i)}- x`).join(
    '\n',
  ),
  'brackets one deeper than allowed': `${'['.repeat(open + 1)}x${']'.repeat(open + 1)}`,
  'emphasis one deeper than allowed': `${'*a '.repeat(open + 1)}`,
  'one closing mark too many': 'a] '.repeat(unmatched + 1),
  'one mark too many in a paragraph': '[a](b) '.repeat(marks / 2 + 1),
  'a run of emphasis marks one longer than allowed': `${'*'.repeat(run + 1)}a${'*'.repeat(run + 1)}`,
  'a block quote going on lazily one line too many': `> a\n${'b\n'.repeat(lazy + 1)}`,
  '200 KB of nested brackets': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  'one block quote too many': Array.from({ length: MARKDOWN_LIMITS.blocks + 1 }, () => '> x').join('\n\n'),
};
