import { findInvisibleCharacter } from '../../text/invisible-characters.ts';
import { MARKDOWN_LIMITS, measureMarkdown } from '../../text/markdown-bounds.ts';
import type { ProblemCollector } from '../problem.ts';
import type { SourceFile } from '../read-tree.ts';
import type { ParsedSource } from './source-rules.ts';

/**
 * The rules on every text of a file, whatever its field: no direction control or stray zero-width
 * character, and Markdown within the limits that keep rendering it well under a second (any text
 * may be shown as Markdown somewhere, and a title nested 5,000 deep is no title).
 */

/** Every string value in parsed data, at any depth, with its path. */
function* stringValues(
  data: unknown,
  path: (string | number)[] = [],
): Generator<[(string | number)[], string]> {
  if (typeof data === 'string') yield [path, data];
  else if (Array.isArray(data))
    for (const [i, item] of data.entries()) yield* stringValues(item, [...path, i]);
  else if (data && typeof data === 'object')
    for (const [key, value] of Object.entries(data)) yield* stringValues(value, [...path, key]);
}

/** What is wrong with one text, each problem with its line in the text, and what it weighs. */
function checkText(text: string, maxLength: number) {
  const problems: { line: number; message: string; severity: 'error' | 'warning' }[] = [];
  const { excess, weight } = measureMarkdown(text, maxLength);
  if (excess) problems.push({ ...excess, severity: 'error' });
  const invisible = findInvisibleCharacter(text);
  if (invisible) problems.push({ ...invisible, severity: invisible.direction ? 'error' : 'warning' });
  return { problems, weight };
}

/** One text of a file: where it is, for a problem of the whole file. */
interface Place {
  line: () => number | undefined;
  field: (string | number)[] | '(body)';
  weight: number;
}

/** Refuses a file whose texts together are more than the renderer can turn out quickly. */
function checkWeight(file: string, places: Place[], report: ProblemCollector): void {
  const weight = places.reduce((sum, place) => sum + place.weight, 0);
  if (weight <= MARKDOWN_LIMITS.weight) return;
  const heaviest = places.reduce((a, b) => (b.weight > a.weight ? b : a));
  const [total, limit] = [weight, MARKDOWN_LIMITS.weight].map((n) => n.toLocaleString('en'));
  report.error(
    file,
    heaviest.line(),
    heaviest.field,
    `with the rest of the file, makes ${total} lines, list items, quotes, links and emphasis marks to render, more than the ${limit} a file may hold`,
    'shorten the longest texts, and link to long material (logs, data) instead of pasting it',
  );
}

/** Checks the texts of a file that parsed: each front matter or YAML value, and a Markdown body. */
export function checkTexts(source: SourceFile, parsed: ParsedSource, report: ProblemCollector): void {
  const places: Place[] = [];
  for (const [path, text] of stringValues(parsed.data)) {
    // Finding a field's line costs a walk of the YAML: only for a problem.
    const line = () => parsed.lineOf(path);
    const { problems, weight } = checkText(text, MARKDOWN_LIMITS.field);
    places.push({ line, field: path, weight });
    for (const problem of problems) {
      // A value over several lines is reported on its field's line, saying which of its lines.
      const message = problem.line > 1 ? `in its line ${problem.line}, ${problem.message}` : problem.message;
      report[problem.severity](source.file, line(), path, message);
    }
  }
  if (parsed.body) {
    const start = source.text.slice(0, source.text.lastIndexOf(parsed.body)).split('\n').length;
    const { problems, weight } = checkText(parsed.body, MARKDOWN_LIMITS.body);
    places.push({ line: () => start, field: '(body)', weight });
    for (const problem of problems)
      report[problem.severity](source.file, start + problem.line - 1, '(body)', problem.message);
  }
  checkWeight(source.file, places, report);
}
