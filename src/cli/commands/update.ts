import { flag, parseInterval, UsageError, type ParsedArgs } from '../args.ts';
import { pageLine, type CommandContext } from '../context.ts';
import { addField, appendToList, findEntry, readEditable, renderEditable, writeValidated } from '../files.ts';
import { applyImpactChanges, parseImpactChanges } from '../impacts.ts';
import { required, requiredPositional } from '../prompt.ts';

export async function update(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const id = await requiredPositional(args, 0, 'incident-id', 'Incident id', '2026-11-20-api-errors');
  const status = await required(args, 'status', 'New status', 'identified');
  if (status === 'resolved')
    throw new UsageError(
      'to resolve an incident use "statusmark resolve <id>", which also sets mitigated and resolved',
    );
  const message = await required(
    args,
    'message',
    'Message for readers',
    '"We found the cause and are rolling back."',
  );
  const path = findEntry(ctx.root, 'incidents', id);
  const file = readEditable(path);
  const next = flag(args, 'next');
  appendToList(file, 'updates', {
    at: file.time(ctx.now),
    status,
    message,
    ...(next ? { next_update: file.time(ctx.now + parseInterval(next)) } : {}),
  });
  applyImpactChanges(file, parseImpactChanges(args.flags.get('component') ?? []), file.time(ctx.now));
  if (status === 'identified' && !file.doc.has('identified'))
    addField(file, 'identified', file.time(ctx.now));
  if (args.flags.has('mitigated') && !file.doc.has('mitigated'))
    addField(file, 'mitigated', file.time(ctx.now));
  writeValidated(ctx.root, [{ path, text: renderEditable(file), expected: file.original }], ctx);
  return `Posted the "${status}" update to ${path}.${pageLine(ctx, id)}`;
}
