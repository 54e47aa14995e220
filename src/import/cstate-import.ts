import { TZDate } from '@date-fns/tz';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { StatuspageSource } from './statuspage-import.ts';

/**
 * A cState site (Hugo) as the same source the Statuspage importer maps: its systems and categories
 * become components and groups, each issue an incident whose updates are the `*Status* - text
 * {{< track "…" >}}` paragraphs of its body, and its severity the impact on the affected systems from
 * its date to its resolution. Issues that announce maintenance become maintenance windows.
 */

export interface CstateFiles {
  config: { name: string; text: string };
  issues: { file: string; text: string }[];
}

interface CstateSystem {
  name: string;
  description?: string;
  category?: string;
}

/**
 * `2018-06-03 16:00:00`, `2018-06-03T16:00:00+02:00`, or a TOML date: a time without a zone is in
 * the site's zone (Hugo's `timeZone`, else UTC).
 */
export function cstateTime(value: unknown, timeZone = 'UTC'): string | undefined {
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const local = (value as Date & { isLocal?: () => boolean }).isLocal?.() === true;
    if (!local) return value.toISOString();
    text = value.toISOString().replace(/Z$/, ''); // a TOML local date-time: its fields, no zone
  } else if (typeof value === 'string' && value.trim()) text = value.trim().replace(' ', 'T');
  else return undefined;
  if (/([zZ]|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((v) => Number(v ?? 0));
  const ms = new TZDate(year!, month! - 1, day!, hour, minute, second, timeZone).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const IMPACT: Record<string, string> = { down: 'critical', disrupted: 'major', notice: 'minor' };
const STATUS_OF_SEVERITY: Record<string, string> = {
  down: 'major_outage',
  disrupted: 'partial_outage',
  notice: 'degraded_performance',
};
const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'];

/** The front matter and body of a Hugo content file. */
function splitHugo(text: string): { data: Record<string, unknown>; body: string } | undefined {
  const yaml = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (yaml) return { data: (parseYaml(yaml[1]!) ?? {}) as Record<string, unknown>, body: yaml[2]! };
  const toml = /^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n?([\s\S]*)$/.exec(text);
  if (toml) return { data: parseToml(toml[1]!), body: toml[2]! };
  return undefined;
}

/** `*Resolved* - text {{< track "2018-06-03 17:00:00" >}}` paragraphs, and the rest of the body. */
export function cstateUpdates(
  body: string,
  timeZone = 'UTC',
): {
  updates: { status: string; text: string; at: string }[];
  rest: string;
} {
  const updates: { status: string; text: string; at: string }[] = [];
  const rest: string[] = [];
  for (const paragraph of body.split(/\r?\n\s*\r?\n/)) {
    const match =
      /^\s*\*+\s*([^*]+?)\s*\*+\s*[-–—:]?\s*([\s\S]*?)\s*\{\{<\s*track\s+"([^"]+)"\s*>\}\}\s*$/.exec(
        paragraph,
      );
    const at = match ? cstateTime(match[3], timeZone) : undefined;
    if (match && at) updates.push({ status: match[1]!.toLowerCase(), text: match[2]!.trim(), at });
    else if (paragraph.trim()) rest.push(paragraph.trim());
  }
  return { updates, rest: rest.join('\n\n') };
}

export function readCstate(files: CstateFiles): { source: StatuspageSource; notes: string[] } {
  const notes: string[] = [];
  const config = (
    files.config.name.endsWith('.toml') ? parseToml(files.config.text) : parseYaml(files.config.text)
  ) as {
    timeZone?: string;
    timezone?: string;
    params?: { systems?: CstateSystem[]; categories?: { name: string }[] };
  };
  const zone = config?.timeZone ?? config?.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`its timeZone "${zone}" is not an IANA time zone such as "Europe/Berlin"`);
  }
  const systems = config?.params?.systems ?? [];
  const source: StatuspageSource = { components: [], incidents: [], maintenances: [] };
  const groups = new Map<string, string>();
  for (const category of config?.params?.categories ?? [])
    groups.set(category.name, `category:${category.name}`);
  for (const [name, id] of groups) source.components.push({ id, name, group: true });
  for (const system of systems)
    source.components.push({
      id: `system:${system.name}`,
      name: system.name,
      description: system.description ?? null,
      group_id: system.category ? (groups.get(system.category) ?? null) : null,
    });

  for (const issue of files.issues) {
    let split: ReturnType<typeof splitHugo>;
    try {
      split = splitHugo(issue.text);
    } catch (error) {
      notes.push(
        `${issue.file}: its front matter does not parse (${(error as Error).message.split('\n')[0]}); skipped`,
      );
      continue;
    }
    if (!split) {
      notes.push(`${issue.file}: has no front matter; skipped`);
      continue;
    }
    const { data } = split;
    const title = typeof data.title === 'string' ? data.title : issue.file;
    const date = cstateTime(data.date, zone);
    if (!date) {
      notes.push(`${issue.file}: has no date; skipped`);
      continue;
    }
    const { updates, rest } = cstateUpdates(split.body, zone);
    updates.reverse(); // cState lists them newest first
    const resolved = data.resolved === true;
    const resolvedWhen =
      cstateTime(data.resolvedWhen, zone) ?? (resolved ? (updates.at(-1)?.at ?? date) : undefined);
    const severity = typeof data.severity === 'string' ? data.severity : 'notice';
    const informational = data.informational === true;
    const affected = (Array.isArray(data.affected) ? data.affected : []).map(String);
    const components = affected.map((name) => {
      if (!systems.some((s) => s.name === name))
        notes.push(`${issue.file}: affects "${name}", which is not in params.systems; added as a component`);
      return { id: `system:${name}`, name };
    });
    const maintenance =
      /maintenance|scheduled work|upgrade window/i.test(title) && (informational || severity === 'notice');
    let status = 'investigating';
    // Informational issues have no impact of their own; Statusmark needs one per component, and
    // degraded performance counts as no downtime with the default weights.
    const impact = informational
      ? 'degraded_performance'
      : (STATUS_OF_SEVERITY[severity] ?? 'degraded_performance');
    const toImpact = components.map((c) => ({
      code: c.id,
      name: c.name,
      old_status: 'operational',
      new_status: impact,
    }));
    const toOperational = components.map((c) => ({
      code: c.id,
      name: c.name,
      old_status: impact,
      new_status: 'operational',
    }));
    const incidentUpdates = updates.map((u, index) => {
      if (STATUSES.includes(u.status)) status = u.status;
      else if (!maintenance)
        notes.push(
          `${issue.file}: update "${u.status}" is not a status Statusmark knows; kept as "${status}"`,
        );
      // The impact runs from the issue's date to its resolution.
      return { status, body: u.text, created_at: u.at, affected_components: index === 0 ? toImpact : null };
    });
    if (incidentUpdates.length === 0)
      incidentUpdates.push({
        status: 'investigating',
        body: title,
        created_at: date,
        affected_components: toImpact,
      });
    if (resolved && resolvedWhen) {
      const last = incidentUpdates.at(-1)!;
      if (last.status === 'resolved' && last.created_at === resolvedWhen)
        last.affected_components = [...(last.affected_components ?? []), ...toOperational];
      else
        incidentUpdates.push({
          status: 'resolved',
          body: 'This incident is resolved.',
          created_at: resolvedWhen,
          affected_components: toOperational,
        });
    }
    if (maintenance) {
      const end = resolvedWhen && Date.parse(resolvedWhen) > Date.parse(date) ? resolvedWhen : undefined;
      if (!end) {
        notes.push(
          `${issue.file}: reads as maintenance but has no end (resolvedWhen); imported as an incident`,
        );
      } else {
        source.maintenances.push({
          id: issue.file,
          name: title,
          status: 'completed',
          created_at: date,
          scheduled_for: date,
          scheduled_until: end,
          components: components.map((c) => ({ id: c.id, name: c.name })),
          incident_updates: [],
        });
        notes.push(
          `${issue.file}: reads as maintenance (title and severity); imported as a maintenance window`,
        );
        continue;
      }
    }
    if (informational)
      notes.push(
        `${issue.file}: informational; imported as a P4 incident with degraded performance (no downtime with the default weights)`,
      );
    source.incidents.push({
      id: issue.file,
      name: title,
      status: resolved ? 'resolved' : (incidentUpdates.at(-1)?.status ?? 'investigating'),
      impact: informational ? 'none' : (IMPACT[severity] ?? 'minor'),
      created_at: date,
      started_at: date,
      resolved_at: resolved ? (resolvedWhen ?? null) : null,
      monitoring_at: null,
      incident_updates: incidentUpdates.map((u) => ({ ...u, display_at: u.created_at })),
      components: components.map((c) => ({ id: c.id, name: c.name })),
      ...(rest ? { description: rest } : {}),
    });
  }
  return { source, notes };
}
