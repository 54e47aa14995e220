import type { Component } from '../../schemas/component.ts';
import { isoTime, type SchemaContext } from '../../schemas/common.ts';
import type { IncidentTemplateEntry } from '../../schemas/incident-template.ts';
import type { Site } from '../../schemas/site.ts';
import { englishLocale } from '../catalogues.ts';
import {
  fillTemplate,
  nextUpdateIn,
  openingIncident,
  templateValues,
} from '../../domain/incident-templates.ts';

/**
 * A template filled in with sample values the way `new incident --template` and `update --template`
 * would fill it: its first update opens the incident, each later one follows a minute apart.
 */
export function sampleIncident(
  template: IncidentTemplateEntry,
  context: SchemaContext,
  site: Site | undefined,
  components: Component[],
): Record<string, unknown> {
  const now = context.now - 3_600_000;
  const started = now - 600_000;
  const first = components[0];
  const fill = {
    componentName: (id: string) => components.find((c) => c.id === id)?.name ?? id,
    // Sample values: only whether the filled template is valid matters, not its language.
    time: (ms: number) => englishLocale(site?.time_zone ?? 'UTC').time(ms),
    iso: isoTime,
    siteName: site?.name ?? 'Status',
    severityLabel: (id: string) => site?.severities.find((s) => s.id === id)?.label ?? id,
  };
  const affected =
    template.components.length > 0 || !first
      ? template.components
      : [{ id: first.id, impact: template.impact }];
  const variables = Object.fromEntries(Object.keys(template.variables).map((name) => [name, `<${name}>`]));
  const input = { template, body: template.body, components: affected, started, now, variables };
  const { frontMatter } = openingIncident(input, fill);
  const updates = frontMatter.updates as Record<string, unknown>[];
  template.updates.slice(1).forEach((update, index) => {
    const at = now + (index + 1) * 60_000;
    const interval = nextUpdateIn(update);
    const next = interval === undefined ? undefined : at + interval;
    const values = templateValues(
      { ...input, title: frontMatter.title as string, now: at, nextUpdate: next },
      fill,
    );
    updates.push({
      at: isoTime(at),
      status: update.status,
      message: fillTemplate(update.message, values),
      ...(next === undefined ? {} : { next_update: isoTime(next) }),
    });
    if (update.status === 'identified' && frontMatter.identified === undefined)
      frontMatter.identified = isoTime(at);
    if (update.status === 'resolved')
      Object.assign(frontMatter, { mitigated: isoTime(at), resolved: isoTime(at) });
  });
  return frontMatter;
}
