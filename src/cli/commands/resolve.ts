import { resolvedMessage } from '../../lib/templates.ts';
import { flag, UsageError, type ParsedArgs } from '../args.ts';
import { pageLine, parseTime, type CommandContext } from '../context.ts';
import { addField, appendToList, findEntry, readEditable, renderEditable, writeValidated } from '../files.ts';
import { parseZonedTime } from '../../schemas/common.ts';
import { requiredPositional } from '../prompt.ts';
import { templatedUpdate } from './update.ts';

export async function resolve(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const id = await requiredPositional(args, 0, 'incident-id', 'Incident id', '2026-11-20-api-errors');
  const path = findEntry(ctx.root, 'incidents', id);
  const file = readEditable(path);
  if (file.doc.has('resolved')) throw new UsageError(`${id} is already resolved`);
  const existing = file.doc.get('mitigated');
  const mitigated =
    typeof existing === 'string'
      ? (parseZonedTime(existing) ?? ctx.now)
      : flag(args, 'mitigated')
        ? parseTime(flag(args, 'mitigated')!, '--mitigated')
        : ctx.now;
  if (typeof existing !== 'string') addField(file, 'mitigated', file.time(mitigated));
  addField(file, 'resolved', file.time(ctx.now));
  const startedText = file.doc.get('started');
  const started = typeof startedText === 'string' ? parseZonedTime(startedText) : undefined;
  const templated = flag(args, 'template') ? await templatedUpdate(args, ctx, file, 'resolve') : undefined;
  const message =
    flag(args, 'message') ??
    templated?.message ??
    resolvedMessage({
      started: started === undefined ? 'the start' : ctx.time(started),
      mitigated: ctx.time(mitigated),
    });
  appendToList(file, 'updates', { at: file.time(ctx.now), status: 'resolved', message });
  writeValidated(ctx.root, [{ path, text: renderEditable(file), expected: file.original }], ctx);
  return `Resolved ${path}. If its severity requires one, scaffold the postmortem with "statusmark new postmortem ${id}".${pageLine(ctx, id)}`;
}
