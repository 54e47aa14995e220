import { resolvedMessage } from '../../domain/default-messages.ts';
import { flag, UsageError, type ParsedArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { type CommandContext, commandContext, incidentIdArgument, pageLine, parseTime } from '../context.ts';
import { addField, appendToList, findEntry, readEditable, renderEditable, writeValidated } from '../files.ts';
import { parseZonedTime } from '../../schemas/common.ts';
import { templatedUpdate } from './update.ts';
import { parseImpactChanges } from '../impacts.ts';
import { isMap, isSeq } from 'yaml';
import type { EditableFile } from '../files.ts';

const HELP = `statusmark resolve <incident-id> [--mitigated TIME] [--message "…" | --template ID]

Sets mitigated (if not set yet: --mitigated, else now) and resolved (now), and appends the final
"resolved" update: --message, the "resolved" update of a template, or a standard one.

  --component id=impact  a component found to have been affected too (repeatable): listed with that
                         impact from started to mitigated
  --var NAME=VALUE       a variable of --template's resolved update (those given to "new incident"
                         are kept in the incident)
  --at TIME              write as of this time instead of now
`;

export const command = defineCommand({
  name: 'resolve',
  help: HELP,
  run: async ({ args, env, now, io }) => resolve(args, commandContext(args, env, now, io)),
});

/**
 * `resolve --component id=impact` completes the record with a component found to have been affected
 * too: it is listed for the whole incident (started to mitigated). A component already listed is
 * refused: its phases end at mitigated, so an impact change at resolution would be an empty phase.
 */
function addMissedComponents(file: EditableFile, changes: { id: string; impact: string }[]): void {
  const list = file.doc.get('components', true);
  const listed = new Set(
    (isSeq(list) ? list.items : []).map((item) => (isMap(item) ? item.get('id') : undefined)),
  );
  for (const { id, impact } of changes) {
    if (impact === 'operational')
      throw new UsageError(`--component ${id}=operational: resolving ends every component's impact already`);
    if (listed.has(id))
      throw new UsageError(
        `--component ${id}: ${id} is already listed, and resolving ends its impact at mitigated; to change its impact before that, post "statusmark update <id> --component ${id}=${impact}" first`,
      );
    appendToList(file, 'components', { id, impact });
  }
}

export async function resolve(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const id = await incidentIdArgument(args, ctx);
  const path = findEntry(ctx.root, 'incidents', id, ctx.tree);
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
  addMissedComponents(
    file,
    parseImpactChanges(args.flags.get('component') ?? [], [...ctx.componentNames.keys()]),
  );
  addField(file, 'resolved', file.time(ctx.now));
  const startedText = file.doc.get('started');
  const started = typeof startedText === 'string' ? parseZonedTime(startedText) : undefined;
  const templated = flag(args, 'template') ? await templatedUpdate(args, ctx, file, 'resolve') : undefined;
  const message =
    flag(args, 'message') ??
    templated?.message ??
    resolvedMessage(ctx.locale, {
      started: started === undefined ? 'the start' : ctx.time(started),
      mitigated: ctx.time(mitigated),
    });
  appendToList(file, 'updates', { at: file.time(ctx.now), status: 'resolved', message });
  writeValidated(ctx.root, [{ path, text: renderEditable(file), expected: file.original }], ctx);
  return `Resolved ${path}. If its severity requires one, scaffold the postmortem with "statusmark new postmortem ${id}".${pageLine(ctx, id)}`;
}
