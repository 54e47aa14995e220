import type { z } from 'astro/zod';
import { findControlCharacter } from '../../text/control-characters.ts';
import { describeIssue, mergeMisspellings } from '../describe-issue.ts';
import { parseMarkdownFile, parseYaml, type ParsedMarkdown } from '../front-matter.ts';
import type { ProblemCollector } from '../problem.ts';
import type { SourceFile } from '../read-tree.ts';
import { checkTexts } from './text-rules.ts';

/** The rules every content file meets before its schema: it can be read, and read as YAML. */

/** A file that passed `checkSource`: its data (front matter, for Markdown), body and lines. */
export type ParsedSource = ParsedMarkdown;

/** Each file as read, parsed once: a command may check the same files twice (its settings, then all). */
const parsedFiles = new WeakMap<SourceFile, ParsedMarkdown>();

/**
 * A content file's YAML (the front matter, for Markdown), parsed on first use and kept with the file
 * as read. Nothing changes the parsed data: the schemas make new values of what they accept.
 */
export function parseSource(source: SourceFile, markdown: boolean): ParsedMarkdown {
  let parsed = parsedFiles.get(source);
  if (!parsed) {
    parsed = markdown
      ? parseMarkdownFile(source.text)
      : { ...parseYaml(source.text), body: '', empty: source.text.trim() === '' };
    parsedFiles.set(source, parsed);
  }
  return parsed;
}

/** The first string value, at any depth, that holds a control character. */
function findControlInValues(
  data: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; name: string } | undefined {
  if (typeof data === 'string') {
    const found = findControlCharacter(data);
    return found ? { path, name: found.name } : undefined;
  }
  if (Array.isArray(data)) {
    for (const [i, item] of data.entries()) {
      const found = findControlInValues(item, [...path, i]);
      if (found) return found;
    }
  } else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const found = findControlInValues(value, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

function hasNoFields(data: unknown): boolean {
  return data === null || typeof data !== 'object' || Object.keys(data).length === 0;
}

/** Checks that a file every site needs is there: `name` in the content folder, holding `what`. */
export function checkPresent(
  source: SourceFile | undefined,
  root: string,
  name: string,
  what: string,
  report: ProblemCollector,
): source is SourceFile {
  if (!source)
    report.error(
      `${root}/${name}`,
      undefined,
      '',
      'is missing',
      `create it with ${what} (see README, "Content")`,
    );
  return source !== undefined;
}

/**
 * Checks that a file can be read, holds no control character (written or escaped), is valid YAML
 * (front matter, for Markdown) and is not empty, then its texts (`checkTexts`). Returns it parsed,
 * or undefined once it reported a problem that stops the rules after it.
 */
export function checkSource(
  source: SourceFile,
  markdown: boolean,
  report: ProblemCollector,
): ParsedSource | undefined {
  const refuse = (message: string, line?: number, path = '') =>
    void report.error(source.file, line, path, message);
  if (source.unreadable !== undefined) return refuse(source.unreadable);
  const control = findControlCharacter(source.text);
  if (control) return refuse(control.message, control.line);
  const parsed = parseSource(source, markdown);
  for (const error of parsed.errors) report.error(source.file, error.line, '', error.message);
  if (parsed.errors.length > 0) return undefined;
  // A YAML escape ("\b", "\x1b") puts a control character into a value without one in the file;
  // every escape starts with a backslash, so a file without one has none (and is not walked).
  const escaped = source.text.includes('\\') ? findControlInValues(parsed.data) : undefined;
  if (escaped)
    return void report
      .inYaml(source.file, parsed)
      .error(
        escaped.path,
        `holds an invisible control character (${escaped.name}) written as a YAML escape`,
        'remove it',
      );
  if (parsed.empty)
    return refuse(
      markdown
        ? 'is empty; start it with front matter between "---" lines (see README, "Content")'
        : 'is empty',
      1,
    );
  if (markdown && hasNoFields(parsed.data))
    return refuse('has no front matter; start the file with "---", the fields, and "---"', 1);
  checkTexts(source, parsed, report);
  return parsed;
}

/** Runs a schema over a parsed file and reports every issue on its field's line. */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  yaml: ParsedSource,
  file: string,
  report: ProblemCollector,
): z.output<S> | undefined {
  const result = schema.safeParse(yaml.data, { reportInput: true });
  if (result.success) return result.data;
  const described = mergeMisspellings(result.error.issues.flatMap((issue) => describeIssue(issue, schema)));
  for (const { path, message } of described) report.error(file, yaml.lineOf(path), path, message);
  return undefined;
}
