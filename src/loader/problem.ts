/** One thing wrong (or worth a second look) in the content, in the vfile message model. */
export interface Problem {
  /** Path of the file from the project root, such as content/incidents/2026-11-20-api-errors.md. */
  file: string;
  /** 1-based line in the file, where it can be known. */
  line?: number;
  /** Field path such as `updates[2].at`; empty for the file as a whole. */
  path: string;
  /** What was expected and how to fix it. */
  message: string;
  severity: 'error' | 'warning';
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * `file:line  path  message`, the shape editors and CI logs link from: always one line. A file name
 * or key can hold a line break, and a CI log reads a line starting with `::` as a workflow command
 * (`::stop-commands::`, `::warning …`), so line breaks and other control characters are shown as
 * escapes (`\n`), never written.
 */
export function formatProblem(problem: Problem): string {
  const file = oneLine(problem.file);
  const place = problem.line === undefined ? file : `${file}:${problem.line}`;
  const label = problem.severity === 'warning' ? 'warning: ' : '';
  return `${place}  ${oneLine(problem.path) || '(file)'}  ${label}${oneLine(problem.message)}`;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/** Text with its control characters (tab aside) written as escapes, so that it stays on one line. */
function oneLine(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path),
  );
}

/** A field: its path in the file's data, or that path already written out (`updates[2].at`). */
export type Field = string | readonly PropertyKey[];

/** Problems on the fields of one parsed YAML file, each on the line of its field. */
export interface FileProblems {
  error(path: readonly PropertyKey[], message: string, fix?: string): void;
  warning(path: readonly PropertyKey[], message: string, fix?: string): void;
}

/**
 * What the rules report to: every problem of one validation, in the order found. A fix is the
 * second half of a message, after "; ".
 */
export class ProblemCollector {
  readonly #found: Problem[] = [];

  error(file: string, line: number | undefined, field: Field, message: string, fix?: string): void {
    this.#add('error', file, line, field, message, fix);
  }

  warning(file: string, line: number | undefined, field: Field, message: string, fix?: string): void {
    this.#add('warning', file, line, field, message, fix);
  }

  /** Reports on `file`'s fields, each on the line `yaml` has for it. */
  inYaml(file: string, yaml: { lineOf(path: readonly PropertyKey[]): number | undefined }): FileProblems {
    return {
      error: (path, message, fix) => this.error(file, yaml.lineOf(path), path, message, fix),
      warning: (path, message, fix) => this.warning(file, yaml.lineOf(path), path, message, fix),
    };
  }

  /** Problems found by code that keeps a list of its own (the catalogues). */
  addAll(problems: readonly Problem[]): void {
    this.#found.push(...problems);
  }

  /** How many so far: a rule compares it before and after a check to know whether it found any. */
  get count(): number {
    return this.#found.length;
  }

  get hasErrors(): boolean {
    return this.#found.some((p) => p.severity === 'error');
  }

  /** By file, line and field; problems on the same spot stay in the order they were found. */
  sorted(): Problem[] {
    return sortProblems([...this.#found]);
  }

  inOrderFound(): Problem[] {
    return [...this.#found];
  }

  #add(
    severity: Problem['severity'],
    file: string,
    line: number | undefined,
    field: Field,
    message: string,
    fix: string | undefined,
  ): void {
    this.#found.push({
      file,
      ...(line === undefined ? {} : { line }),
      path: typeof field === 'string' ? field : formatPath(field),
      message: fix === undefined ? message : `${message}; ${fix}`,
      severity,
    });
  }
}
