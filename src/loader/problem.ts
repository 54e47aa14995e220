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

/** `file:line  path  message`, the shape editors and CI logs link from. */
export function formatProblem(problem: Problem): string {
  const place = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const label = problem.severity === 'warning' ? 'warning: ' : '';
  return `${place}  ${problem.path || '(file)'}  ${label}${problem.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path),
  );
}
