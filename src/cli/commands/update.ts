import { isMap, isScalar, isSeq } from 'yaml';
import {
  fillTemplate,
  nextTemplateUpdate,
  nextUpdateIn,
  templateValues,
} from '../../domain/incident-templates.ts';
import { parseZonedTime } from '../../schemas/common.ts';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../schemas/vocabulary.ts';
import { flag, parseInterval, UsageError, type ParsedArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { type CommandContext, commandContext, incidentIdArgument, pageLine } from '../context.ts';
import {
  addField,
  appendToList,
  findEntry,
  readEditable,
  renderEditable,
  writeValidated,
  type EditableFile,
} from '../files.ts';
import { applyImpactChanges, parseImpactChanges } from '../impacts.ts';
import { checkOptionValue } from '../option-values.ts';
import { required } from '../prompt.ts';
import { fillContext, findTemplate, templateVariables } from '../template-input.ts';

/** What --status takes: a status short of resolved, or "update" for a post that keeps it. */
const UPDATE_STATUSES = [...INCIDENT_STATUSES.filter((s) => s !== 'resolved'), 'update'];

const HELP = `statusmark update <incident-id> --status identified --message "…" [--next 30m]
statusmark update <incident-id> --template <id> [--status S]

Appends an update (at the current time) to an incident, keeping the file's comments and layout. With
--template, the message and next-update promise come from the template's update for --status, or
else for the status after the incident's current one (investigating → identified → monitoring).

  --status S      ${INCIDENT_STATUSES.filter((s) => s !== 'resolved').join(', ')} (use "statusmark resolve" to resolve),
                  or "update" for a post that does not change the status
  --channel TEXT  where the update was also or only published, such as "Twitter (@acme)"
  --message TEXT  what readers are told (Markdown)
  --next 30m      promise the next update within this interval
  --mitigated     also record that impact ended now (for a "monitoring" update)
  --component id=impact
                  change a component's impact from now on (repeatable): its current phase ends
                  and a new one starts; id=operational ends its impact; a new id is added
  --template ID   post a template's update; the variables given to "new incident" are kept in the
                  incident (template_vars), --var NAME=VALUE overrides one
  --at TIME       write as of this time instead of now
`;

export const command = defineCommand({
  name: 'update',
  help: HELP,
  switches: ['mitigated'],
  run: async ({ args, env, now, io }) => update(args, commandContext(args, env, now, io)),
});

export async function update(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const id = await incidentIdArgument(args, ctx);
  const path = findEntry(ctx.root, 'incidents', id, ctx.tree);
  const file = readEditable(path);
  const templated = flag(args, 'template') ? await templatedUpdate(args, ctx, file, 'update') : undefined;
  const status =
    templated?.status ?? (await required(ctx.terminal, args, 'status', 'New status', 'identified'));
  if (status === 'resolved')
    throw new UsageError(
      'to resolve an incident use "statusmark resolve <id>", which also sets mitigated and resolved',
    );
  if (!templated) checkOptionValue('status', status, UPDATE_STATUSES, 'a status');
  const changes = parseImpactChanges(args.flags.get('component') ?? [], [...ctx.componentNames.keys()]);
  const message =
    flag(args, 'message') ??
    templated?.message ??
    (await required(
      ctx.terminal,
      args,
      'message',
      'Message for readers',
      '"We found the cause and are rolling back."',
    ));
  const nextIn = flag(args, 'next') !== undefined ? parseInterval(flag(args, 'next')!) : templated?.nextIn;
  const channel = flag(args, 'channel');
  // "update": a post without a status change (Statuspage's "Update"); the file leaves status out.
  appendToList(file, 'updates', {
    at: file.time(ctx.now),
    ...(status === 'update' ? {} : { status }),
    message,
    ...(channel ? { channel } : {}),
    ...(nextIn !== undefined ? { next_update: file.time(ctx.now + nextIn) } : {}),
  });
  applyImpactChanges(file, changes, file.time(ctx.now));
  if (status === 'identified' && !file.doc.has('identified'))
    addField(file, 'identified', file.time(ctx.now));
  if (args.flags.has('mitigated') && !file.doc.has('mitigated'))
    addField(file, 'mitigated', file.time(ctx.now));
  writeValidated(ctx.root, [{ path, text: renderEditable(file), expected: file.original }], ctx);
  const what = status === 'update' ? 'an update (no status change)' : `the "${status}" update`;
  return `Posted ${what} to ${path}.${pageLine(ctx, id)}`;
}

/**
 * The update a template holds for this incident, filled in from the incident's own title,
 * components and start: for `update`, the one with --status or else the next status after the
 * incident's current one; for `resolve`, the template's resolved update.
 */
export async function templatedUpdate(
  args: ParsedArgs,
  ctx: CommandContext,
  file: EditableFile,
  command: 'update' | 'resolve',
): Promise<{ status: string; message: string; nextIn: number | undefined }> {
  const template = findTemplate(ctx, flag(args, 'template')!);
  const updates = file.doc.get('updates', true);
  // The incident's status is its last update's that has one (a post without one keeps it).
  const last = isSeq(updates) ? updates.items.findLast((u) => isMap(u) && u.has('status')) : undefined;
  const lastStatus = isMap(last) ? last.get('status') : undefined;
  const current: IncidentStatus = INCIDENT_STATUSES.includes(lastStatus as IncidentStatus)
    ? (lastStatus as IncidentStatus)
    : 'investigating';
  const wanted = command === 'resolve' ? 'resolved' : flag(args, 'status');
  const chosen = nextTemplateUpdate(template, current, wanted);
  if (!chosen)
    throw new UsageError(
      wanted
        ? `template "${template.id}" has no "${wanted}" update; it has ${template.updates.map((u) => u.status).join(', ')}`
        : `template "${template.id}" has no update after "${current}"; give --status and --message, or resolve the incident`,
    );
  const list = file.doc.get('components', true);
  const components = (isSeq(list) ? list.items : []).flatMap((item) =>
    isMap(item) && typeof item.get('id') === 'string' ? [{ id: item.get('id') as string, impact: '' }] : [],
  );
  const startedText = file.doc.get('started');
  const started = (typeof startedText === 'string' ? parseZonedTime(startedText) : undefined) ?? ctx.now;
  // A --next given on the command line wins over the template's, in the text as in next_update.
  const nextFlag = flag(args, 'next');
  const nextIn = nextFlag !== undefined ? parseInterval(nextFlag) : nextUpdateIn(chosen);
  const values = templateValues(
    {
      template,
      title: typeof file.doc.get('title') === 'string' ? (file.doc.get('title') as string) : '',
      components,
      started,
      now: ctx.now,
      nextUpdate: nextIn === undefined ? undefined : ctx.now + nextIn,
      variables: await templateVariables(args, template, ctx.terminal, keptVariables(file)),
    },
    fillContext(ctx),
  );
  return { status: chosen.status, message: fillTemplate(chosen.message, values, ctx.locale.tag), nextIn };
}

/** The template variables kept in the incident's front matter (`template_vars`), as text. */
function keptVariables(file: EditableFile): Record<string, string> {
  const kept = file.doc.get('template_vars', true);
  if (!isMap(kept)) return {};
  return Object.fromEntries(
    kept.items.flatMap((pair) => {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      return typeof key === 'string' && plain ? [[key, String(value)]] : [];
    }),
  );
}
