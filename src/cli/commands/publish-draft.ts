import { isMap, isSeq } from 'yaml';
import { parseZonedTime } from '../../schemas/common.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { type CommandContext, commandContext, incidentIdArgument, pageLine } from '../context.ts';
import { findEntry, readEditable, renderEditable, writeValidated } from '../files.ts';

const HELP = `statusmark publish <incident-id> [--at TIME]

Publishes a draft incident that "statusmark ingest" proposed from an alert: removes draft: true and
posts its first update now (a promised next update moves with it); acknowledged is set to now.
started and detected keep the alert's own times, so time to detect counts from the alert.

  --at TIME  publish as of this time instead of now
`;

export const command = defineCommand({
  name: 'publish',
  help: HELP,
  run: async ({ args, env, now, io }) => publishDraft(args, commandContext(args, env, now, io)),
});

export async function publishDraft(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const id = await incidentIdArgument(args, ctx);
  const path = findEntry(ctx.root, 'incidents', id, ctx.tree);
  const file = readEditable(path);
  const { doc } = file;
  if (doc.get('draft') !== true) throw new UsageError(`${id} is not a draft: it is published already`);
  const now = ctx.iso(ctx.now);
  const updates = doc.get('updates', true);
  const first = isSeq(updates) ? updates.items[0] : undefined;
  if (!isMap(first)) throw new UsageError(`${id} has no first update to post; add one, then publish`);
  const was = parseZonedTime(String(first.get('at')));
  const next = first.get('next_update');
  const nextAt = typeof next === 'string' ? parseZonedTime(next) : undefined;
  if (was !== undefined && nextAt !== undefined) {
    const moved = ctx.now + (nextAt - was);
    first.set('next_update', ctx.iso(moved));
    // The promise in the text moves with it: the draft's words were filled in with the old time.
    const message = first.get('message');
    if (typeof message === 'string')
      first.set('message', message.replaceAll(ctx.time(nextAt), ctx.time(moved)));
  }
  first.set('at', now);
  // A template whose first update says "identified" identified it when it is posted.
  if (doc.has('identified')) doc.set('identified', now);
  doc.delete('draft');
  if (!doc.has('acknowledged')) insertAfter(doc, 'detection', 'acknowledged', now);
  file.rewrite = true;
  writeValidated(ctx.root, [{ path, text: renderEditable(file), expected: file.original }], ctx);
  const resolvedAt = doc.getIn(['alert', 'resolved_at']);
  const hint =
    typeof resolvedAt === 'string'
      ? `\nIts alerts resolved at ${resolvedAt}: once that is confirmed, run "statusmark resolve ${id} --mitigated ${resolvedAt}".`
      : '';
  return `Published ${path}: its first update is posted at ${now}. Commit it and open a pull request (or push) to deploy.${pageLine(ctx, id)}${hint}`;
}

/** Sets `key` right after `after` (or at the end), where the documented field order has it. */
function insertAfter(
  doc: ReturnType<typeof readEditable>['doc'],
  after: string,
  key: string,
  value: string,
): void {
  const map = doc.contents;
  if (!isMap(map)) return;
  const index = map.items.findIndex((pair) => String((pair.key as { value?: unknown }).value) === after);
  const pair = doc.createPair(key, value);
  if (index < 0) map.items.push(pair);
  else map.items.splice(index + 1, 0, pair);
}
