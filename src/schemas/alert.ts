import { z } from 'astro/zod';
import { parseInterval, slug, text, timestamp } from './common.ts';
import { IMPACTS } from './vocabulary.ts';

/**
 * Alerts that propose incidents (docs/alerts.md): the rules of site.yaml's `alerts:` list, and the
 * record a draft incident keeps of the alert group it came from, so that `statusmark ingest` finds
 * the draft again from the content alone.
 */

/** Where an alert came from: the payloads `statusmark ingest` recognises. */
export const ALERT_SOURCES = ['alertmanager', 'grafana', 'uptime-kuma', 'gatus', 'generic'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** How long a resolved alert group keeps its draft: firing again within it updates the same draft. */
export const DEFAULT_ALERT_WINDOW = '1h';

const interval = z.string().refine((value) => parseInterval(value) !== undefined, {
  message: 'must be an interval of at most a week, such as 30m, 2h or 1h30m',
});

/** One rule of site.yaml's `alerts:` list: which alerts it takes, and the draft it proposes. */
export const alertRuleSchema = z.strictObject({
  /** Every label listed must be equal (for Uptime Kuma and Gatus: `name`, the monitor's name). */
  match: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .refine((labels) => Object.keys(labels).length > 0, {
      message: 'must name at least one label, such as match: { service: api }',
    }),
  /** Component ids from components.yaml that the draft lists as affected. */
  components: z.array(z.string()).min(1, 'must name at least one component'),
  /** Their impact while the alert fires. */
  impact: z.enum(IMPACTS),
  /** A severity id from site.yaml. */
  severity: z.string(),
  /** An incident template of content/templates whose title and first update the draft takes. */
  template: slug.optional(),
  /** The draft's title when there is no template (default: the alert's summary or name). */
  title: text.optional(),
  /** A group that fires again within this time of resolving updates its draft instead of making a second. */
  window: interval.optional(),
});
export type AlertRule = z.output<typeof alertRuleSchema>;

/** What a draft incident remembers of its alert group (an incident's `alert:` field). */
export const alertRecordSchema = z.strictObject({
  source: z.enum(ALERT_SOURCES),
  /** The group's key: Alertmanager's groupKey, Grafana's, the monitor, or the generic payload's group. */
  group: text,
  /** Fingerprints of the alerts seen in the group. */
  fingerprints: z.array(z.string()).default([]),
  /** The earliest start of the group's alerts. */
  first_seen: timestamp,
  /** When the group was last reported firing. */
  last_seen: timestamp,
  /** When the group was reported resolved (absent while it fires). */
  resolved_at: timestamp.optional(),
  /** The issue the alert workflow opened for the draft, where `/publish` publishes it. */
  issue: z.number().int().positive().optional(),
});
