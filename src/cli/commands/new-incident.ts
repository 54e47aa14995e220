import { basename } from 'node:path';
import type { ContentTree } from '../../loader/read-tree.ts';
import { parseSource } from '../../loader/rules/source-rules.ts';
import { stringify } from 'yaml';
import { openingIncident } from '../../domain/incident-templates.ts';
import { investigatingMessage } from '../../domain/default-messages.ts';
import { DETECTION_METHODS, IMPACTS } from '../../schemas/vocabulary.ts';
import { dayKey } from '../../time/dates.ts';
import { flag, parseInterval, UsageError, type ParsedArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { commandContext, pageLine, parseTime, type CommandContext } from '../context.ts';
import { entryId } from '../entry-id.ts';
import { checkComponentPart, checkOptionValue } from '../option-values.ts';
import { readAgain, uniquePath, writeValidated } from '../files.ts';
import { required, requiredPositional } from '../prompt.ts';
import { fillContext, findTemplate, templateVariables } from '../template-input.ts';

const HELP = `statusmark new incident "<title>" --severity P2 --component api:partial_outage [options]
statusmark new incident --template <id> [--component api[:impact]] [--var name=value]

Writes content/incidents/<date>-<title>.md with a first "investigating" update that acknowledges the
problem, says who is affected and promises the next update. With --template, the title, severity,
components and first update come from content/templates/<id>.md, filled in with the clock, the
components and the template's variables; every other option overrides the template's value.

  --severity ID             a severity from site.yaml (P1 … P4 by default)
  --component ID:IMPACT     repeatable; IMPACT is ${IMPACTS.join(', ')}
  --started TIME            when impact began (default: now), e.g. 2026-11-20T14:02:00Z
  --notice                  a notice: no component is affected (an announcement; counts in no uptime)
  --message TEXT            the first update (default: a standard acknowledgement)
  --next 30m                when the next update is promised (default 30m)
  --detection KIND          alert, synthetic, customer, internal or other
  --template ID             an incident template of content/templates
  --var NAME=VALUE          a template variable (repeatable); asked for at a terminal when missing
  --at TIME                 write as of this time instead of now
`;

export const command = defineCommand({
  name: 'new incident',
  help: HELP,
  switches: ['notice'],
  run: async ({ args, env, now, io }) => newIncident(args, commandContext(args, env, now, io)),
});

/** `--component id[:impact]`, repeatable; an impact left out is `fallback`. */
function parseComponents(
  specs: readonly string[],
  fallback: string,
  ctx: CommandContext,
): { id: string; impact: string }[] {
  return specs.map((spec) => {
    const [id, impact = fallback] = spec.split(/[:=]/);
    if (!id) throw new UsageError(`--component "${spec}" needs an id, such as api:partial_outage`);
    checkComponentPart(spec, id, [...ctx.componentNames.keys()], 'a component of components.yaml');
    checkComponentPart(spec, impact, IMPACTS, 'an impact');
    return { id, impact };
  });
}

/** --severity and --detection, checked before the file is composed. */
function checkSeverityAndDetection(
  args: ParsedArgs,
  ctx: CommandContext,
  severity: string | undefined,
): void {
  const severities = [...ctx.severityLabels.keys()];
  if (severity !== undefined && severities.length > 0)
    checkOptionValue('severity', severity, severities, 'a severity of site.yaml');
  const detection = flag(args, 'detection');
  if (detection !== undefined)
    checkOptionValue('detection', detection, DETECTION_METHODS, 'a detection kind');
}

export async function newIncident(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const templateId = flag(args, 'template');
  const { frontMatter, body } = templateId
    ? await fromTemplate(args, ctx, templateId)
    : { frontMatter: await fromFlags(args, ctx), body: '' };
  const title = String(frontMatter.title);
  const open = openWithTitle(readAgain(ctx.root, ctx.tree), title);
  const path = uniquePath(
    ctx.folder('incidents'),
    `${dayKey(Date.parse(String(frontMatter.started)), ctx.timeZone)}-${entryId(title, ctx.locale.tag, 'incident')}`,
  );
  const text = `---\n${stringify(frontMatter, { lineWidth: 100 })}---\n${body ? `\n${body}\n` : ''}`;
  writeValidated(ctx.root, [{ path, text }], ctx);
  const id = basename(path, '.md');
  const next = templateId
    ? `"statusmark update ${id} --template ${templateId}" posts the template's next update`
    : `run "statusmark update ${id}" for the next update`;
  const warning = open
    ? `\nWarning: ${open} is still open with the same title. If this is the same incident, delete ${path} and post to the open one: statusmark update ${open}${templateId ? ` --template ${templateId}` : ' --status identified --message "…"'}`
    : '';
  return `Wrote ${path}. Commit it and open a pull request; ${next}.${pageLine(ctx, id)}${warning}`;
}

/** The id of an open incident with this title (letter case and spaces aside), if there is one. */
function openWithTitle(tree: ContentTree, title: string): string | undefined {
  const same = (text: unknown) =>
    typeof text === 'string' &&
    text.trim().replace(/\s+/g, ' ').toLowerCase() === title.trim().replace(/\s+/g, ' ').toLowerCase();
  // Files unchanged since the command read them are parsed once: writing checks them all again.
  for (const file of tree.incidents) {
    const data = parseSource(file, true).data as Record<string, unknown> | undefined;
    if (data && same(data.title) && data.resolved === undefined) return basename(file.file, '.md');
  }
  return undefined;
}

/** A first update from flags: the standard acknowledgement unless --message says otherwise. */
async function fromFlags(args: ParsedArgs, ctx: CommandContext): Promise<Record<string, unknown>> {
  const title = await requiredPositional(
    ctx.terminal,
    args,
    0,
    'title',
    'Incident title',
    '"Elevated API error rates"',
  );
  const severity = await required(ctx.terminal, args, 'severity', 'Severity', 'P2');
  checkSeverityAndDetection(args, ctx, severity);
  const notice = args.flags.has('notice');
  if (notice && args.flags.has('component'))
    throw new UsageError('--notice means no component is affected; leave out --component, or --notice');
  const components = notice
    ? []
    : parseComponents(
        args.flags.get('component') ?? [
          await required(
            ctx.terminal,
            args,
            'component',
            'Affected component and impact',
            'api:partial_outage',
          ),
        ],
        'partial_outage',
        ctx,
      );
  const started = flag(args, 'started') ? parseTime(flag(args, 'started')!, '--started') : ctx.now;
  const next = ctx.now + parseInterval(flag(args, 'next') ?? '30m');
  const affected = components.map((c) => ctx.componentNames.get(c.id) ?? c.id);
  const message =
    flag(args, 'message') ??
    investigatingMessage(ctx.locale, { title, affected, nextUpdate: ctx.time(next) });
  const detection = flag(args, 'detection');
  return {
    title,
    severity,
    started: ctx.iso(started),
    detected: ctx.iso(ctx.now),
    ...(detection ? { detection } : {}),
    acknowledged: ctx.iso(ctx.now),
    ...(notice ? {} : { components }),
    updates: [{ at: ctx.iso(ctx.now), status: 'investigating', message, next_update: ctx.iso(next) }],
  };
}

/** The template's title, severity, components and first update, filled in; flags override each. */
async function fromTemplate(
  args: ParsedArgs,
  ctx: CommandContext,
  templateId: string,
): Promise<{ frontMatter: Record<string, unknown>; body: string }> {
  const template = findTemplate(ctx, templateId);
  checkSeverityAndDetection(args, ctx, flag(args, 'severity'));
  let components = parseComponents(args.flags.get('component') ?? [], template.impact, ctx);
  if (components.length === 0 && template.components.length === 0)
    components = parseComponents(
      [await required(ctx.terminal, args, 'component', 'Affected component', 'api')],
      template.impact,
      ctx,
    );
  const started = flag(args, 'started') ? parseTime(flag(args, 'started')!, '--started') : ctx.now;
  const nextFlag = flag(args, 'next');
  if (nextFlag) parseInterval(nextFlag); // a bad interval is refused with the flag's own message
  const first = template.updates[0]!;
  const variables = await templateVariables(args, template, ctx.terminal);
  const filled = openingIncident(
    {
      template: {
        ...template,
        severity: flag(args, 'severity') ?? template.severity,
        updates: [{ ...first, ...(nextFlag ? { next_update: nextFlag } : {}) }],
      },
      body: template.body,
      components,
      started,
      now: ctx.now,
      variables,
    },
    fillContext(ctx),
  );
  const { frontMatter } = filled;
  // The variables stay with the incident: its later updates from the template need them again.
  if (Object.keys(variables).length > 0) {
    const { updates } = frontMatter;
    delete frontMatter.updates;
    Object.assign(frontMatter, { template_vars: variables, updates });
  }
  if (args.positionals[0]) frontMatter.title = args.positionals[0];
  const message = flag(args, 'message');
  if (message) (frontMatter.updates as Record<string, unknown>[])[0]!.message = message;
  const detection = flag(args, 'detection');
  if (!detection) return filled;
  // detection goes after detected, where the documented field order has it.
  const ordered = Object.entries(frontMatter).flatMap(([key, value]) =>
    key === 'detected'
      ? [
          [key, value],
          ['detection', detection],
        ]
      : [[key, value]],
  );
  return { ...filled, frontMatter: Object.fromEntries(ordered) as Record<string, unknown> };
}
