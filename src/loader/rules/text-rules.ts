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

/**
 * Calls `visit` with every string value in parsed data, at any depth, and its path. The path is one
 * array, changed as the walk goes on: a visitor keeps a copy (`[...path]`) of what it keeps.
 */
function visitStrings(
  data: unknown,
  visit: (path: readonly (string | number)[], text: string) => void,
  path: (string | number)[] = [],
): void {
  if (typeof data === 'string') visit(path, data);
  else if (Array.isArray(data))
    for (let i = 0; i < data.length; i++) {
      path.push(i);
      visitStrings(data[i], visit, path);
      path.pop();
    }
  else if (data && typeof data === 'object')
    for (const key of Object.keys(data)) {
      path.push(key);
      visitStrings((data as Record<string, unknown>)[key], visit, path);
      path.pop();
    }
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

/** The texts of a file weighed together: their total, and the heaviest (the first of equals). */
class Scale {
  total = 0;
  heaviest: Place | undefined;

  /** Adds a text's weight; `place` is asked for only when the text is the heaviest yet. */
  add(weight: number, place: () => Omit<Place, 'weight'>): void {
    this.total += weight;
    if (!this.heaviest || weight > this.heaviest.weight) this.heaviest = { ...place(), weight };
  }
}

/** Refuses a file whose texts together are more than the renderer can turn out quickly. */
function checkWeight(file: string, scale: Scale, report: ProblemCollector): void {
  const { total: weight, heaviest } = scale;
  if (weight <= MARKDOWN_LIMITS.weight || !heaviest) return;
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
  const scale = new Scale();
  // Finding a field's line costs a walk of the YAML: only for a problem.
  const placeOf = (path: (string | number)[]) => ({ line: () => parsed.lineOf(path), field: path });
  visitStrings(parsed.data, (at, text) => {
    const { problems, weight } = checkText(text, MARKDOWN_LIMITS.field);
    scale.add(weight, () => placeOf([...at]));
    if (problems.length === 0) return;
    const { line, field } = placeOf([...at]);
    for (const problem of problems) {
      // A value over several lines is reported on its field's line, saying which of its lines.
      const message = problem.line > 1 ? `in its line ${problem.line}, ${problem.message}` : problem.message;
      report[problem.severity](source.file, line(), field, message);
    }
  });
  if (parsed.body) {
    const start = source.text.slice(0, source.text.lastIndexOf(parsed.body)).split('\n').length;
    const { problems, weight } = checkText(parsed.body, MARKDOWN_LIMITS.body);
    scale.add(weight, () => ({ line: () => start, field: '(body)' }));
    for (const problem of problems)
      report[problem.severity](source.file, start + problem.line - 1, '(body)', problem.message);
  }
  checkWeight(source.file, scale, report);
}
