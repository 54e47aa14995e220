import type { FillContext } from '../domain/incident-templates.ts';
import { usedVariables } from '../domain/incident-templates.ts';
import type { IncidentTemplateEntry } from '../schemas/incident-template.ts';
import { UsageError, type ParsedArgs } from './args.ts';
import { contentTime, type CommandContext } from './context.ts';
import { CommandError } from './files.ts';
import { required, type Terminal } from './prompt.ts';

/** The template `--template <id>` names; a missing or broken one stops the command with a message. */
export function findTemplate(ctx: CommandContext, id: string): IncidentTemplateEntry {
  const template = ctx.templates.find((t) => t.id === id);
  if (template) return template;
  if (ctx.templateFiles.includes(id))
    throw new CommandError(
      `the template ${ctx.folder('templates')}/${id}.md has errors; run "statusmark check" to see them, fix them, and run this again`,
    );
  const known = ctx.templates.map((t) => t.id);
  throw new UsageError(
    known.length > 0
      ? `no template "${id}" in ${ctx.folder('templates')}; use one of ${known.join(', ')}`
      : `no template "${id}": ${ctx.folder('templates')} holds none; write one (see docs/authoring.md, "Incident templates")`,
  );
}

/** The template's own variables that its texts use: `--var name=value`, else asked for at a terminal. */
export async function templateVariables(
  args: ParsedArgs,
  template: IncidentTemplateEntry,
  terminal: Terminal,
  /** Values kept in the incident (its `template_vars`): used unless --var gives another. */
  kept: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  const given = new Map<string, string>();
  for (const spec of args.flags.get('var') ?? []) {
    const at = spec.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--var "${spec}" must be name=value, such as --var provider="our SMS provider"`);
    given.set(spec.slice(0, at), spec.slice(at + 1));
  }
  const unknown = [...given.keys()].filter((name) => !(name in template.variables));
  if (unknown.length > 0)
    throw new UsageError(
      `template "${template.id}" has no variable ${unknown.join(', ')}; its variables are ${Object.keys(template.variables).join(', ') || 'none'}`,
    );
  const values: Record<string, string> = {};
  for (const name of usedVariables(template, template.body)) {
    const value = given.get(name) ?? kept[name];
    const flags = new Map([[`var ${name}`, value !== undefined ? [value] : []]]);
    values[name] = await required(
      terminal,
      { positionals: [], flags },
      `var ${name}`,
      template.variables[name]!,
      '"…"',
    ).catch((error: unknown) => {
      throw error instanceof UsageError
        ? new UsageError(`template "${template.id}" needs --var ${name}=… (${template.variables[name]})`)
        : error;
    });
  }
  return values;
}

/** Names and times as the site shows them, for filling a template. */
export function fillContext(ctx: CommandContext): FillContext {
  return {
    componentName: (id) => ctx.componentNames.get(id) ?? id,
    time: ctx.time,
    iso: contentTime,
    siteName: ctx.siteName,
    severityLabel: (id) => ctx.severityLabels.get(id) ?? id,
    language: ctx.locale.tag,
  };
}
