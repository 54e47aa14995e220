import { isMap, isSeq } from 'yaml';
import {
  decideFollowUp,
  type FollowUpVerdict,
  type ItemChange,
  type ItemState,
} from '../../domain/tracker-states.ts';
import { readContentTree } from '../../loader/read-tree.ts';
import { ACTION_ITEM_STATUSES } from '../../schemas/vocabulary.ts';
import type { ActionItemStatus } from '../../domain/postmortems.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { commandContext, type CommandContext } from '../context.ts';
import { CommandError, readEditable, writeValidated, type EditableFile } from '../files.ts';
import { applyItemChanges } from '../follow-up-edits.ts';
import {
  readTrackerLink,
  readTrackers,
  refKey,
  refName,
  type IssueRef,
  type Reading,
} from '../follow-ups-github.ts';

const HELP = `statusmark follow-ups sync [--dry-run]

Reads, through GitHub's REST API, the issue or pull request that each postmortem action item's link:
points to, and updates the item to match:
  closed as completed, or merged   → status: done, as_of and completed: the closing date
  closed as not planned            → status: wont_do, as_of: the closing date
  reopened                         → status: open, as_of: today
Anything less plain (a pull request closed without merging, an issue closed as a duplicate, an open
issue whose item says done) is left as written and reported. Only those fields of those items
change; every write is validated like the other commands'. Links to other hosts are skipped.

  --dry-run   show what would change, write nothing

Environment: GITHUB_TOKEN (a token that can read the issues; without one, public repositories only
and 60 requests an hour), GITHUB_API_URL (default https://api.github.com), GITHUB_SERVER_URL (the
host of the links, default https://github.com).
Exit status: 0 when every linked item was read and written; 1 when some could not be (the others
are still written).
`;

export const command = defineCommand({
  name: 'follow-ups sync',
  help: HELP,
  switches: ['dry-run'],
  run: async ({ args, env, now, io }) => syncFollowUps(args, env, commandContext(args, env, now, io)),
});

/** One action item with a link, where it is and what it says. */
interface LinkedItem {
  index: number;
  title: string;
  state: ItemState;
  link: string;
}

/** What became of one item, as one line of the report. */
interface Outcome {
  word: 'changed' | 'would change' | 'unchanged' | 'skipped' | 'not read' | 'not written';
  title: string;
  text: string;
}

interface PostmortemFile {
  path: string;
  file?: EditableFile;
  items: LinkedItem[];
  /** Set when the file itself could not be read. */
  error?: string;
}

export async function syncFollowUps(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
  ctx: CommandContext,
): Promise<{ output: string; code: number }> {
  if (args.positionals.length > 0)
    throw new UsageError(`"follow-ups sync" takes no argument; got "${args.positionals[0]}"`);
  const apiUrl = httpUrl(env.GITHUB_API_URL, 'https://api.github.com', 'GITHUB_API_URL');
  const serverUrl = httpUrl(env.GITHUB_SERVER_URL, 'https://github.com', 'GITHUB_SERVER_URL');
  const token = env.GITHUB_TOKEN?.trim() || undefined;
  const dryRun = args.flags.has('dry-run');
  const files = readContentTree(ctx.root).postmortems.map((source) => linkedItems(source.file));
  const refs = files.flatMap((f) =>
    f.items.flatMap((item) => {
      const read = readTrackerLink(item.link, serverUrl);
      return 'ref' in read ? [read.ref] : [];
    }),
  );
  const readings = refs.length > 0 ? await readTrackers(refs, { apiUrl, token }) : new Map<string, Reading>();
  const today = new Date(ctx.now).toISOString().slice(0, 10);
  const sections = files.map((f) => {
    const outcomes = f.error
      ? [{ word: 'not read' as const, title: '', text: f.error }]
      : syncFile(f, { readings, serverUrl, today, dryRun, ctx });
    return { path: f.path, outcomes };
  });
  const header = [
    ...(token || refs.length === 0
      ? []
      : ['No GITHUB_TOKEN: reading as an anonymous client (public repositories only, 60 requests an hour).']),
    ...(refs.length === 0 ? ['No action item links a GitHub issue or pull request; nothing to sync.'] : []),
  ];
  const all = sections.flatMap((s) => s.outcomes);
  const failed = all.some((o) => o.word === 'not read' || o.word === 'not written');
  return { output: report(header, sections, dryRun), code: failed ? 1 : 0 };
}

function httpUrl(value: string | undefined, fallback: string, name: string): string {
  const text = value?.trim() || fallback;
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return text;
  } catch {
    // Refused below, with the variable's name.
  }
  throw new UsageError(`${name} must be an http(s) address, such as ${fallback}; got "${text}"`);
}

/** The postmortem's action items that have a link, read from its front matter as written. */
function linkedItems(path: string): PostmortemFile {
  let file: EditableFile;
  try {
    file = readEditable(path);
  } catch (error) {
    if (error instanceof CommandError) return { path, items: [], error: error.message };
    throw error;
  }
  const list = file.doc.get('action_items', true);
  const items: LinkedItem[] = [];
  (isSeq(list) ? list.items : []).forEach((node, index) => {
    if (!isMap(node)) return;
    const value = (key: string) => {
      const found = node.get(key);
      return typeof found === 'string' ? found : undefined;
    };
    const link = value('link');
    if (!link) return;
    items.push({
      index,
      title: value('title') ?? `action item ${index + 1}`,
      link,
      state: {
        status: value('status') as ActionItemStatus,
        asOf: value('as_of'),
        completed: value('completed'),
      },
    });
  });
  return { path, file, items };
}

interface SyncInput {
  readings: Map<string, Reading>;
  serverUrl: string;
  today: string;
  dryRun: boolean;
  ctx: CommandContext;
}

/** Decides every linked item of one file and writes the file's changes at once. */
function syncFile(f: PostmortemFile, input: SyncInput): Outcome[] {
  const changes = new Map<number, ItemChange>();
  const outcomes = f.items.map((item): Outcome => {
    const { title } = item;
    const read = readTrackerLink(item.link, input.serverUrl);
    if ('skip' in read) return { word: 'skipped', title, text: read.skip };
    const where = refName(read.ref);
    if (!ACTION_ITEM_STATUSES.includes(item.state.status))
      return {
        word: 'skipped',
        title,
        text: `its status is not one of ${ACTION_ITEM_STATUSES.join(', ')}; run statusmark check`,
      };
    const reading = input.readings.get(refKey(read.ref));
    if (!reading) return { word: 'not read', title, text: `${where}: not read` };
    if ('error' in reading) return { word: 'not read', title, text: `${where}: ${reading.error}` };
    const verdict = decideFollowUp(item.state, reading.state, input.today);
    if (verdict.change) changes.set(item.index, verdict.change);
    return describe(item, read.ref, verdict, input.dryRun);
  });
  if (changes.size === 0 || input.dryRun) return outcomes;
  try {
    const text = applyItemChanges(f.file!, changes);
    writeValidated(input.ctx.root, [{ path: f.path, text, expected: f.file!.original }], input.ctx);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    // Nothing of this file was written: its changed items say so, the first one why.
    const why = `\n      ${error.message.replaceAll('\n', '\n      ')}`;
    let told = false;
    return outcomes.map((o) => {
      if (o.word !== 'changed') return o;
      const text = told ? o.text : `${o.text}${why}`;
      told = true;
      return { ...o, word: 'not written', text };
    });
  }
  return outcomes;
}

function describe(item: LinkedItem, ref: IssueRef, verdict: FollowUpVerdict, dryRun: boolean): Outcome {
  const said = `${refName(ref)} ${verdict.tracker}`;
  const { change } = verdict;
  if (!change)
    return {
      word: 'unchanged',
      title: item.title,
      text: `${item.state.status} (${said})${verdict.note ? `; left as written: ${verdict.note}` : ''}`,
    };
  return {
    word: dryRun ? 'would change' : 'changed',
    title: item.title,
    text: `${item.state.status} → ${change.status} as of ${change.asOf} (${said})`,
  };
}

function report(
  header: string[],
  sections: { path: string; outcomes: Outcome[] }[],
  dryRun: boolean,
): string {
  const lines = [...header];
  for (const { path, outcomes } of sections) {
    if (outcomes.length === 0) continue;
    lines.push('', path);
    for (const o of outcomes)
      lines.push(`  ${o.word.padEnd(12)} ${o.title ? `${shorten(o.title)}: ` : ''}${o.text}`);
  }
  const all = sections.flatMap((s) => s.outcomes);
  const count = (word: Outcome['word']) => all.filter((o) => o.word === word).length;
  const words: Outcome['word'][] = [
    'changed',
    'would change',
    'unchanged',
    'skipped',
    'not read',
    'not written',
  ];
  const totals = words.filter((w) => count(w) > 0).map((w) => `${count(w)} ${w}`);
  if (totals.length > 0) lines.push('', `${totals.join(', ')}.`);
  if (dryRun && count('would change') > 0) lines.push('Nothing was written (--dry-run).');
  return lines.join('\n').trimStart();
}

/** A title cut to fit a line of the report. */
function shorten(title: string): string {
  const plain = title.replace(/\s+/g, ' ').trim();
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
}
