import { basename } from 'node:path';
import { stringify } from 'yaml';
import { investigatingMessage } from '../../lib/templates.ts';
import { flag, parseInterval, UsageError, type ParsedArgs } from '../args.ts';
import { pageLine, parseTime, type CommandContext } from '../context.ts';
import { slugify } from '../../lib/slug.ts';
import { uniquePath, writeValidated } from '../files.ts';
import { required, requiredPositional } from '../prompt.ts';

export async function newIncident(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const title = await requiredPositional(args, 0, 'title', 'Incident title', '"Elevated API error rates"');
  const severity = await required(args, 'severity', 'Severity', 'P2');
  const componentArgs = args.flags.get('component') ?? [
    await required(args, 'component', 'Affected component and impact', 'api:partial_outage'),
  ];
  const components = componentArgs.map((spec) => {
    const [id, impact = 'partial_outage'] = spec.split(':');
    if (!id) throw new UsageError(`--component "${spec}" needs an id, such as api:partial_outage`);
    return { id, impact };
  });
  const started = flag(args, 'started') ? parseTime(flag(args, 'started')!, '--started') : ctx.now;
  const next = ctx.now + parseInterval(flag(args, 'next') ?? '30m');
  const affected = components.map((c) => ctx.componentNames.get(c.id) ?? c.id);
  const message =
    flag(args, 'message') ?? investigatingMessage({ title, affected, nextUpdate: ctx.time(next) });
  const detection = flag(args, 'detection');

  const frontMatter = {
    title,
    severity,
    started: ctx.iso(started),
    detected: ctx.iso(ctx.now),
    ...(detection ? { detection } : {}),
    acknowledged: ctx.iso(ctx.now),
    components,
    updates: [{ at: ctx.iso(ctx.now), status: 'investigating', message, next_update: ctx.iso(next) }],
  };
  const path = uniquePath(
    ctx.folder('incidents'),
    `${ctx.iso(started).slice(0, 10)}-${slugify(title, 8) || 'incident'}`,
  );
  const text = `---\n${stringify(frontMatter, { lineWidth: 100 })}---\n`;
  writeValidated(ctx.root, [{ path, text }], ctx);
  const id = basename(path, '.md');
  return `Wrote ${path}. Commit it and open a pull request; run "statusmark update ${id}" for the next update.${pageLine(ctx, id)}`;
}
