import { basename, join } from 'node:path';
import type { IncidentTemplateEntry } from '../schemas/incident-template.ts';
import { readContentTree, type ContentTree } from '../loader/read-tree.ts';
import { resolveSettings } from '../loader/settings.ts';
import { validateContent } from '../loader/validate.ts';
import { ClockError, resolveBuildClock } from '../time/clock.ts';
import { isoTime } from '../time/dates.ts';
import type { Locale } from '../i18n/locale.ts';
import { sitePaths } from '../domain/site-paths.ts';
import { parseZonedTime } from '../schemas/common.ts';
import { flag, UsageError, type ParsedArgs } from './args.ts';
import { requiredPositional, type Terminal } from './prompt.ts';
import { readSiteSettings } from './site-settings.ts';
import { keepYamlFor } from './yaml-cache.ts';

/** What every writing command needs: the content folder, the clock, the site's zone and names. */
export interface CommandContext {
  root: string;
  /** The content as read when the command started (writes read it again: see writeValidated). */
  tree: ContentTree;
  now: number;
  /** The clock `check` and the build use (STATUSMARK_NOW or the real time), whatever --at says. */
  checkNow: number;
  timeZone: string;
  componentNames: Map<string, string>;
  siteName: string;
  severityLabels: Map<string, string>;
  /** Incident templates without errors. */
  templates: IncidentTemplateEntry[];
  /** Ids of every template file, valid or not (to tell "has errors" from "does not exist"). */
  templateFiles: string[];
  folder: (name: 'incidents' | 'maintenance' | 'postmortems' | 'templates') => string;
  /** The site's language: the words the commands write into content are words readers see. */
  locale: Locale;
  /** "14:30 UTC" in the site's zone. */
  time: (ms: number) => string;
  /** A time as every command writes it into content: to the second, in UTC, such as 2026-11-20T14:30:05Z. */
  iso: (ms: number) => string;
  /** Where an incident's page will be once the site is deployed (site.yaml's url and the base path). */
  incidentUrl: (id: string) => string | undefined;
  /** Where a missing value is asked for (see prompt.ts). */
  terminal: Terminal;
}

export function commandContext(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
  realNow: number,
  terminal: Terminal & Parameters<typeof keepYamlFor>[0],
): CommandContext {
  const settings = resolveSettings({}, env, '');
  const root = flag(args, 'content') ?? settings.contentDir;
  const at = flag(args, 'at');
  // An unreadable STATUSMARK_NOW is refused, never replaced by the real clock: updates would be
  // written at the wrong time without a word.
  const { statusmarkNow } = settings.clock;
  let envNow: number | undefined;
  try {
    // The build's own reading and range check, against the real clock.
    envNow = statusmarkNow ? resolveBuildClock({ statusmarkNow, realNow }).now : undefined;
  } catch (error) {
    if (!(error instanceof ClockError)) throw error;
    throw new UsageError(error.message);
  }
  const now = at !== undefined ? parseTime(at, '--at') : (envNow ?? realNow);
  keepYamlFor(terminal, root);
  const tree = readContentTree(root);
  // The incident templates come out of a whole validation; only a command given a template needs
  // them, and every write validates the content again anyway, so it runs only when they are asked for.
  let templates: CommandContext['templates'] | undefined;
  const validTemplates = () =>
    (templates ??=
      validateContent(tree, { statusmarkNow: new Date(now).toISOString(), realNow: now }).templates ?? []);
  // The settings come from site.yaml and components.yaml alone: a mistake elsewhere (or content
  // after an --at time) leaves validation without content but must not change how commands write.
  const { site, components, locale, timeZone } = readSiteSettings(tree);
  return {
    root,
    tree,
    now,
    checkNow: envNow ?? realNow,
    timeZone,
    componentNames: new Map(components.map((c) => [c.id, c.name])),
    siteName: site?.name ?? 'Status',
    severityLabels: new Map(site?.severities.map((s) => [s.id, s.label]) ?? []),
    get templates() {
      return validTemplates();
    },
    templateFiles: tree.templates.map((t) => basename(t.file, '.md')),
    folder: (name) => join(root, name),
    locale,
    time: (ms) => locale.time(ms, timeZone),
    iso: contentTime,
    incidentUrl: (id) => {
      const url = site?.url;
      return url ? new URL(sitePaths(settings.base).incident(id), url).href : undefined;
    },
    // --yes: never ask, as in scripts; what is missing is a usage error naming the flag.
    terminal: args.flags.has('yes') ? { stdout: terminal.stdout } : terminal,
  };
}

/** Content times carry no milliseconds: `new` and `update` write the same form. */
export function contentTime(ms: number): string {
  return isoTime(Math.floor(ms / 1000) * 1000);
}

/** A time given on the command line; it must carry a zone, like in content files. */
export function parseTime(text: string, name: string): number {
  const ms = parseZonedTime(text);
  if (ms === undefined) {
    // "2026-12-06 21:30" (a space for the T, no zone): the fixed form, in UTC and with an offset.
    const spaced = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(text.trim());
    const fixed = spaced ? `${spaced[1]}T${spaced[2]}` : undefined;
    throw new UsageError(
      `${name} "${text}" is not an ISO time with a zone; write it ${fixed ? `as ${fixed}Z or with an offset such as ${fixed}+01:00` : 'like 2026-11-20T14:30:00Z'}`,
    );
  }
  return ms;
}

/** "Once deployed, it is at <url>" on a line of its own, when site.yaml names the site's address. */
export function pageLine(ctx: CommandContext, id: string): string {
  const url = ctx.incidentUrl(id);
  return url ? `\nOnce deployed, it is at ${url}` : '';
}

/** The incident a command acts on: its first argument, asked for at a terminal when missing. */
export function incidentIdArgument(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  return requiredPositional(ctx.terminal, args, 0, 'incident-id', 'Incident id', '2026-11-20-api-errors');
}
