import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { formatProblem } from '../../loader/problem.ts';
import { readContentTree, type ContentTree } from '../../loader/read-tree.ts';
import { resolveSettings } from '../../loader/settings.ts';
import { validateContent } from '../../loader/validate.ts';
import type { ImportPlan, PlannedFile } from '../../import/import-plan.ts';
import {
  DEFAULT_SEVERITY_MAP,
  planStatuspage,
  readStatuspageDocuments,
  type StatuspageSource,
} from '../../import/statuspage-import.ts';
import { readCstate } from '../../import/cstate-import.ts';
import { readCstateFolder } from '../../import/cstate-folder.ts';
import { checkStatuspageDocument } from '../../import/statuspage-shape.ts';
import { readSource } from '../../import/statuspage-source.ts';
import { parsePlainDate, parseZonedTime } from '../../schemas/common.ts';
import { flag, UsageError, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { readExistingComponents } from '../existing-components.ts';
import { CommandError, writeSafely } from '../files.ts';

const HELP = `statusmark import statuspage <file|url>... [--dry-run] [--since DATE] [--force]
statusmark import cstate <site folder> [--dry-run] [--since DATE] [--force]

Moves a site's history in from Atlassian Statuspage: its public API v2 documents (summary.json,
components.json, incidents.json, scheduled-maintenances.json) or a management-API export of incidents,
from files or https:// addresses. Writes components.yaml (new components appended), one file per
incident and maintenance window, and a draft postmortem for each postmortem text. Every file is
checked with the rest of the content first; one that would not pass is reported and left out. An
existing file is left alone unless --force; importing the same source again changes nothing. Ends with
what could not be carried over exactly.

From cState: the systems and categories of its Hugo config (config.yml, .yaml, .toml or hugo.*) and
content/issues/*.md, whose "*Status* - text {{< track "…" >}}" paragraphs are the updates (times
without a zone are in the config's timeZone, else UTC); issues that announce maintenance become
maintenance windows. Only what is inside the folder is read: a symbolic link there stops the import;
a named pipe, socket or device among the issues is skipped and reported.

  --since DATE          only incidents and windows from this date on
  --severities MAP      Statuspage impacts to severities (default none=P4,minor=P3,major=P2,critical=P1)
  --dry-run             list what would be written; write nothing
  --force               replace existing files with the same id
`;

export const command: Command = {
  name: 'import',
  help: HELP,
  switches: ['dry-run', 'force'],
  run: async ({ args, env, now }) => importCommand(args, env, now),
};

/**
 * `statusmark import statuspage <file|url>...`: moves a team in with its history. Every planned file
 * is checked with the rest of the content before anything is written; a record that would not pass
 * is reported and left out, never written half-valid. Importing the same source again changes nothing.
 */

/** Each document, read and checked: a field of another kind than Statuspage's is named, and nothing is imported. */
async function readStatuspage(sources: string[]): Promise<StatuspageSource> {
  const documents = [];
  const problems: string[] = [];
  for (const file of sources) {
    const document = await readSource(file);
    problems.push(...checkStatuspageDocument(document).map((p) => `${file}: ${p}`));
    documents.push(document);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    throw new CommandError(
      `Nothing was imported: these fields do not hold what Statuspage writes there.\n${shown.join('\n')}\nCorrect them (or leave them out) and import again.`,
    );
  }
  return readStatuspageDocuments(documents);
}

/** `minor=P3,major=P2`: Statuspage impacts to the site's severities. */
function severityMap(text: string | undefined): Record<string, string> {
  const map = { ...DEFAULT_SEVERITY_MAP };
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const [impact, severity] = pair.split('=').map((p) => p.trim());
    if (!impact || !severity || !(impact in DEFAULT_SEVERITY_MAP))
      throw new UsageError(
        `--severities "${pair}" must be impact=severity, impact one of none, minor, major, critical`,
      );
    map[impact] = severity;
  }
  return map;
}

export async function importCommand(args: ParsedArgs, env: NodeJS.ProcessEnv, now: number): Promise<string> {
  const [kind, ...sources] = args.positionals;
  if (kind !== 'statuspage' && kind !== 'cstate')
    throw new UsageError(
      'import what? use "statusmark import statuspage <file|url>..." or "statusmark import cstate <folder>"',
    );
  if (sources.length === 0)
    throw new UsageError(
      kind === 'cstate'
        ? "give the cState site's folder"
        : 'give at least one Statuspage document: a file or an https:// address',
    );
  const settings = resolveSettings({}, env, '');
  const root = flag(args, 'content') ?? settings.contentDir;
  const sinceText = flag(args, 'since');
  const since =
    sinceText === undefined ? undefined : (parsePlainDate(sinceText) ?? parseZonedTime(sinceText));
  if (sinceText !== undefined && since === undefined)
    throw new UsageError(`--since "${sinceText}" is not a date; write it like 2025-01-01`);
  let source: StatuspageSource;
  const notes: string[] = [];
  if (kind === 'cstate') {
    if (sources.length > 1) throw new UsageError('give one cState site folder');
    const folder = readCstateFolder(sources[0]!);
    const read = readCstate(folder.files);
    source = read.source;
    notes.push(...folder.notes, ...read.notes);
  } else source = await readStatuspage(sources);

  const tree = readContentTree(root);
  const existing = readExistingComponents(tree, join(root, 'components.yaml'));
  const plan = planStatuspage(source, {
    severities: severityMap(flag(args, 'severities')),
    since,
    existing,
  });
  plan.notes.unshift(...notes);
  return applyPlan(plan, tree, root, {
    dryRun: args.flags.has('dry-run'),
    force: args.flags.has('force'),
    now,
  });
}

/** Checks the planned files with the content they join, leaves out what would not pass, and writes the rest. */
export function applyPlan(
  plan: ImportPlan,
  tree: ContentTree,
  root: string,
  options: { dryRun: boolean; force: boolean; now: number },
): string {
  const lines: string[] = [];
  const components = joinComponents(plan, tree, root);
  if (!tree.site)
    throw new CommandError(
      `${join(root, 'site.yaml')} is missing; run "statusmark init" first, then import into its content folder`,
    );
  const pathOf = (file: PlannedFile) => join(root, file.folder, `${file.id}.md`);
  const planned = passing(changedFiles(plan.files, pathOf, options.force, lines), tree, pathOf, {
    now: options.now,
    lines,
    componentsAdded: components.added > 0,
  });
  if (!options.dryRun) writePlan(components, planned, pathOf);
  const counted = (folder: PlannedFile['folder']) => planned.filter((f) => f.folder === folder).length;
  const summary = `${options.dryRun ? 'Would import' : 'Imported'} ${components.added} components, ${counted('incidents')} incidents (${plan.counts.updates} updates), ${counted('maintenance')} maintenance windows, ${counted('postmortems')} draft postmortems into ${root}.`;
  return [
    ...(options.dryRun ? planned.map((f) => `would write: ${pathOf(f)}`) : []),
    ...lines,
    summary,
    ...(plan.notes.length
      ? ['Not carried over exactly:', ...plan.notes.map((n) => `  ${n}`)]
      : ['Everything was carried over exactly.']),
  ].join('\n');
}

/** components.yaml with the planned components it lacks appended; the tree is checked with it. */
interface JoinedComponents {
  path: string;
  /** The file's new text (undefined: there is none, and nothing to add). */
  text: string | undefined;
  /** How many components are new. */
  added: number;
}

function joinComponents(plan: ImportPlan, tree: ContentTree, root: string): JoinedComponents {
  const path = join(root, 'components.yaml');
  const existingIds = new Set(readExistingComponents(tree, path).map((c) => c.id));
  const added = plan.components.filter((c) => !existingIds.has(c.id));
  const text =
    added.length === 0
      ? tree.components?.text
      : `${tree.components?.text ? `${tree.components.text.trimEnd()}\n` : ''}${stringify(added, { lineWidth: 100 })}`;
  if (text !== undefined) tree.components = { file: tree.components?.file ?? path, text };
  return { path, text, added: added.length };
}

/** The planned files that are new or, with --force, replace a different file; the rest is reported. */
function changedFiles(
  files: PlannedFile[],
  pathOf: (file: PlannedFile) => string,
  force: boolean,
  lines: string[],
): PlannedFile[] {
  return files.filter((file) => {
    const path = pathOf(file);
    if (!existsSync(path)) return true;
    if (readFileSync(path, 'utf8') === file.text) {
      lines.push(`unchanged: ${path}`);
      return false;
    }
    if (force) return true;
    lines.push(`kept: ${path} exists (and differs); --force replaces it`);
    return false;
  });
}

/**
 * The planned files that pass check together with the content: everything is checked at once, each
 * planned file with an error is left out (and reported), and the rest is checked again.
 */
function passing(
  files: PlannedFile[],
  tree: ContentTree,
  pathOf: (file: PlannedFile) => string,
  { now, lines, componentsAdded }: { now: number; lines: string[]; componentsAdded: boolean },
): PlannedFile[] {
  let planned = files;
  for (;;) {
    const candidate: ContentTree = {
      ...tree,
      incidents: [...tree.incidents],
      maintenance: [...tree.maintenance],
      postmortems: [...tree.postmortems],
    };
    for (const file of planned) {
      const path = pathOf(file);
      const list = candidate[file.folder];
      const at = list.findIndex((f) => resolve(f.file) === resolve(path));
      if (at >= 0) list[at] = { file: list[at]!.file, text: file.text };
      else list.push({ file: path, text: file.text });
    }
    const errors = validateContent(candidate, { realNow: now }).problems.filter(
      (p) => p.severity === 'error',
    );
    const bad = new Set(errors.map((p) => resolve(p.file)));
    const failing = planned.filter((file) => bad.has(resolve(pathOf(file))));
    if (failing.length === 0) {
      if (errors.length > 0)
        throw new CommandError(
          `Nothing was imported: ${componentsAdded && errors.some((p) => basename(p.file) === 'components.yaml') ? 'components.yaml, with the components the import adds, does not pass' : 'the content already has errors'}.\n${errors.map(formatProblem).join('\n')}`,
        );
      return planned;
    }
    for (const file of failing)
      lines.push(
        `skipped ${file.source}: ${errors
          .filter((p) => resolve(p.file) === resolve(pathOf(file)))
          .map((p) => `${p.path} ${p.message}`)
          .join('; ')}`,
      );
    planned = planned.filter((file) => !failing.includes(file));
  }
}

/** Writes the new components and the files; replacing (--force) names what is replaced, so a file changed meanwhile is never overwritten. */
function writePlan(
  components: JoinedComponents,
  planned: PlannedFile[],
  pathOf: (file: PlannedFile) => string,
): void {
  if (components.added > 0 && components.text !== undefined) {
    mkdirSync(dirname(components.path), { recursive: true });
    writeSafely({
      path: components.path,
      text: components.text,
      ...(existsSync(components.path) ? { expected: readFileSync(components.path, 'utf8') } : {}),
    });
  }
  for (const file of planned) {
    const path = pathOf(file);
    mkdirSync(dirname(path), { recursive: true });
    writeSafely({
      path,
      text: file.text,
      ...(existsSync(path) ? { expected: readFileSync(path, 'utf8') } : {}),
    });
  }
}
