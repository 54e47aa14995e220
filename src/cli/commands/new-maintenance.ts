import { stringify } from 'yaml';
import { maintenanceMessage } from '../../domain/default-messages.ts';
import { describeRecurrence } from '../../i18n/recurrence-words.ts';
import { checkRule } from '../../schemas/recurrence.ts';
import { MAINTENANCE_IMPACTS } from '../../schemas/vocabulary.ts';
import { dayKey } from '../../time/dates.ts';
import { flag, UsageError, type ParsedArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { commandContext, parseTime, type CommandContext } from '../context.ts';
import { entryId } from '../entry-id.ts';
import { checkComponentPart, checkOptionValue } from '../option-values.ts';
import { uniquePath, writeValidated } from '../files.ts';
import { required, requiredPositional } from '../prompt.ts';

const HELP = `statusmark new maintenance "<title>" --component ID --start TIME --end TIME [options]

Writes content/maintenance/<date>-<title>.md with a first "scheduled" update.

  --component ID     repeatable
  --start, --end     the window, e.g. 2026-12-01T02:00:00Z
  --impact IMPACT    under_maintenance (default), degraded_performance, partial_outage, major_outage
  --message TEXT     the announcement (default: a standard one)
  --recurrence RULE  repeat the window by an RFC 5545 RRULE, such as "FREQ=WEEKLY;BYDAY=TU;COUNT=8";
                     --start/--end are the first occurrence (see docs/authoring.md)
  --at TIME          write as of this time instead of now
`;

export const command = defineCommand({
  name: 'new maintenance',
  help: HELP,
  run: async ({ args, env, now, io }) => newMaintenance(args, commandContext(args, env, now, io)),
});

export async function newMaintenance(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const title = await requiredPositional(
    ctx.terminal,
    args,
    0,
    'title',
    'Maintenance title',
    '"Database upgrade"',
  );
  const components = args.flags.get('component') ?? [
    await required(ctx.terminal, args, 'component', 'Component', 'api'),
  ];
  const start = parseTime(
    await required(ctx.terminal, args, 'start', 'Start', '2026-12-01T02:00:00Z'),
    '--start',
  );
  const end = parseTime(await required(ctx.terminal, args, 'end', 'End', '2026-12-01T04:00:00Z'), '--end');
  for (const id of components)
    checkComponentPart(id, id, [...ctx.componentNames.keys()], 'a component of components.yaml');
  const impact = flag(args, 'impact');
  if (impact !== undefined) checkOptionValue('impact', impact, MAINTENANCE_IMPACTS, 'an impact');
  const affected = components.map((id) => ctx.componentNames.get(id) ?? id);
  const recurrence = flag(args, 'recurrence');
  const checked = recurrence === undefined ? undefined : checkRule(recurrence, ctx.timeZone);
  if (checked && 'error' in checked) throw new UsageError(`--recurrence "${recurrence}" ${checked.error}`);
  const repeats = checked
    ? ` ${ctx.locale.t('default_message.schedule', { schedule: describeRecurrence(checked.rule, start, ctx.locale) })}`
    : '';
  // An announcement is read days ahead: the start carries its date, the end too unless it is that day.
  const { locale, timeZone } = ctx;
  const sameDay = locale.date(start, timeZone) === locale.date(end, timeZone);
  const when = {
    start: locale.dateTime(start, timeZone),
    end: sameDay ? ctx.time(end) : locale.dateTime(end, timeZone),
  };
  const message = flag(args, 'message') ?? `${maintenanceMessage(locale, { ...when, affected })}${repeats}`;
  const frontMatter = {
    title,
    components,
    announced: ctx.iso(ctx.now),
    scheduled_start: ctx.iso(start),
    scheduled_end: ctx.iso(end),
    ...(impact ? { impact } : {}),
    ...(checked ? { recurrence: checked.rule } : {}),
    updates: [{ at: ctx.iso(ctx.now), status: 'scheduled', message }],
  };
  const path = uniquePath(
    ctx.folder('maintenance'),
    `${dayKey(start, ctx.timeZone)}-${entryId(title, ctx.locale.tag, 'maintenance')}`,
  );
  writeValidated(ctx.root, [{ path, text: `---\n${stringify(frontMatter, { lineWidth: 100 })}---\n` }], ctx);
  return `Wrote ${path}.`;
}
