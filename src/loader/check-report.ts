import { splitFrontMatter } from './front-matter.ts';
import { readContentTree, type ContentTree } from './read-tree.ts';
import type { Settings } from './settings.ts';
import { validateContent, type ValidationResult } from './validate.ts';
import { formatProblem, type Problem } from './problem.ts';
import { englishLocale } from './catalogues.ts';

/** `npm run check` and the build share this: read a tree, validate it, render the problems. */

export type CheckFormat = 'text' | 'json' | 'github';

/** Reads and validates a content tree with the clock overrides of the settings. */
export function checkTree(root: string, clock: Settings['clock'], realNow: number, base = '/'): CheckResult {
  const tree = readContentTree(root);
  return { ...validateContent(tree, { ...clock, realNow }, base), drafts: countDrafts(tree) };
}

/** A validation, with the drafts the content leaves out (they are on no page) counted for the summary. */
type CheckResult = ValidationResult & { drafts?: { incidents: number; postmortems: number } };

/** `draft: true` in a file's front matter (cheap: no second parse; the schema checked the value). */
const DRAFT = /^draft:[ \t]*true[ \t]*(?:#.*)?$/m;

function countDrafts(tree: ContentTree): { incidents: number; postmortems: number } {
  const drafts = (files: ContentTree['incidents']) =>
    files.filter((f) => DRAFT.test(splitFrontMatter(f.text)?.yaml ?? '')).length;
  return { incidents: drafts(tree.incidents), postmortems: drafts(tree.postmortems) };
}

/**
 * GitHub's escaping for workflow commands: a file name or key from a pull request stays one value on
 * one line, so it cannot end the annotation and start a command of its own (`::stop-commands::`).
 */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub workflow commands, so problems show on the pull request's lines. */
function formatGithub(problem: Problem): string {
  const where = [
    `file=${escapeProperty(problem.file)}`,
    problem.line === undefined ? '' : `line=${problem.line}`,
    `title=${escapeProperty(problem.path || 'content')}`,
  ]
    .filter(Boolean)
    .join(',');
  return `::${problem.severity === 'warning' ? 'warning' : 'error'} ${where}::${escapeData(`${problem.path} ${problem.message}`.trim())}`;
}

export function renderReport(result: CheckResult, format: CheckFormat): string {
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  if (format === 'json') return JSON.stringify({ errors, warnings, problems: result.problems }, null, 2);
  const lines = result.problems.map(format === 'github' ? formatGithub : formatProblem);
  const content = result.content;
  // Counts in words with the catalogue's plural forms: "1 incident", "2 incidents".
  const en = englishLocale('UTC');
  const count = (key: string, n: number) => en.t(`count.${key}`, { count: n });
  const summary =
    errors > 0
      ? `✗ ${count('errors', errors)}, ${count('warnings', warnings)}. Nothing was built; fix the lines above and run npm run check again.`
      : `✓ Content is valid: ${[
          count('incidents', content?.incidents.length ?? 0),
          count('maintenance_windows', content?.maintenance.length ?? 0),
          count('postmortems', content?.postmortems.length ?? 0),
          count('components', content?.components.length ?? 0),
          ...(result.templates?.length ? [count('incident_templates', result.templates.length)] : []),
        ].join(', ')}${draftsLine(result, count)}${warnings ? `; ${count('warnings', warnings)}` : ''}.`;
  return [...lines, summary].join('\n');
}

/** "; drafts (on no page until published): 1 postmortem", or nothing when there is none. */
function draftsLine(result: CheckResult, count: (key: string, n: number) => string): string {
  const { incidents = 0, postmortems = 0 } = result.drafts ?? {};
  const parts = [
    ...(incidents ? [count('incidents', incidents)] : []),
    ...(postmortems ? [count('postmortems', postmortems)] : []),
  ];
  return parts.length > 0 ? `; drafts (on no page until published): ${parts.join(', ')}` : '';
}
