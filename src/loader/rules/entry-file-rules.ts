import type { z } from 'astro/zod';
import type { ProblemCollector } from '../problem.ts';
import type { SourceFile } from '../read-tree.ts';
import type { EntryFile, EntryRule, FileRule, RuleContext } from './rule.ts';
import { checkSchema, checkSource } from './source-rules.ts';

/** The rules of a folder of Markdown entries: ids from file names, then each file and its entry. */

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function baseName(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.md$/, '');
}

/** How a folder's files become entries, and the rules beyond the schema. */
export interface EntryFolder<T, S extends z.ZodType> {
  schema: S;
  build: (id: string, data: z.output<S>, body: string) => T;
  /** Run on every file that parses, valid or not, so their problems show with the schema's. */
  fileRules?: FileRule[];
  /** Run on each valid entry in order, each only while the ones before found nothing. */
  entryRules?: EntryRule<T>[];
}

export interface CheckedEntries<T> {
  /** The entries the schema and the entry rules accepted (warnings allowed). */
  entries: T[];
  /** Every id seen, valid or not, so a reference to a broken file is not also called unknown. */
  ids: Set<string>;
  /** Ids of the entries an entry rule reported a problem on. */
  flagged: Set<string>;
}

/** Checks that a file's name is a valid id and that no earlier file has the same one. */
export function checkFileNameId(
  file: string,
  id: string,
  firstFile: Map<string, string>,
  report: ProblemCollector,
): void {
  if (!ID_PATTERN.test(id))
    report.error(
      file,
      undefined,
      '',
      `file name "${id}" is not a valid id`,
      'rename it to lowercase letters, digits and dashes, such as 2026-11-20-api-errors.md',
    );
  const earlier = firstFile.get(id);
  if (earlier)
    report.error(
      file,
      undefined,
      '',
      `id "${id}" is already used by ${earlier}`,
      'ids come from file names and must be unique',
    );
  firstFile.set(id, file);
}

/** Runs the entry rules in order; a later rule may rely on what the earlier ones checked. */
function checkEntry<T>(
  entry: T,
  file: EntryFile,
  rules: EntryRule<T>[],
  report: ProblemCollector,
  context: RuleContext,
): boolean {
  const before = report.count;
  for (const rule of rules) {
    rule(entry, file, report, context);
    if (report.count > before) return false;
  }
  return true;
}

/** Checks one folder of Markdown entries: every file's name, YAML, schema and rules. */
export function checkEntryFiles<T extends { id: string }, S extends z.ZodType>(
  sources: SourceFile[],
  folder: EntryFolder<T, S>,
  report: ProblemCollector,
  context: RuleContext,
): CheckedEntries<T> {
  const checked: CheckedEntries<T> = { entries: [], ids: new Set(), flagged: new Set() };
  const firstFile = new Map<string, string>();
  for (const source of sources) {
    const id = baseName(source.file);
    checkFileNameId(source.file, id, firstFile, report);
    checked.ids.add(id);
    const yaml = checkSource(source, true, report);
    if (!yaml) continue;
    const file = { source, yaml };
    for (const rule of folder.fileRules ?? []) rule(file, report, context);
    const data = checkSchema(folder.schema, yaml, source.file, report);
    if (data === undefined) continue;
    const entry = folder.build(id, data, yaml.body);
    if (!checkEntry(entry, file, folder.entryRules ?? [], report, context)) checked.flagged.add(entry.id);
    checked.entries.push(entry);
  }
  return checked;
}
