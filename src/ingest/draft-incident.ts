import { openingIncident, usedVariables, type FillContext } from '../domain/incident-templates.ts';
import type { IncidentTemplate } from '../schemas/incident-template.ts';
import type { AlertState } from './draft-plan.ts';
import type { Proposal } from './rule-match.ts';

/**
 * The front matter of a draft incident proposed from an alert: `draft: true`, the alert's start as
 * `started` and `detected`, `detection: alert`, the rule's components, impact and severity, and the
 * first update of the rule's template (or the standard acknowledgement). Nothing is acknowledged yet:
 * `statusmark publish` sets that, and the first update's time, when a person publishes it.
 */

export interface DraftInput {
  proposal: Proposal;
  alert: AlertState;
  now: number;
  template?: { template: IncidentTemplate; body: string } | undefined;
  fill: FillContext;
  /** The standard first update in the site's language, when the rule names no template. */
  investigating: (input: { title: string; affected: string[]; nextUpdate: string }) => string;
}

/** The `alert:` field as a file holds it. */
export function alertField(alert: AlertState, iso: (ms: number) => string): Record<string, unknown> {
  return {
    source: alert.source,
    group: alert.group,
    fingerprints: alert.fingerprints,
    first_seen: iso(alert.first_seen),
    last_seen: iso(alert.last_seen),
    ...(alert.resolved_at === undefined ? {} : { resolved_at: iso(alert.resolved_at) }),
    ...(alert.issue === undefined ? {} : { issue: alert.issue }),
  };
}

/** The standard first update promises the next one in 30 minutes, as `new incident` does. */
const NEXT_UPDATE = 30 * 60_000;

/** Template variables the alert's labels fill (a variable `region` takes the label `region`). */
function labelVariables(input: DraftInput, template: IncidentTemplate, body: string) {
  const labels = Object.assign({}, ...input.proposal.matched.map((m) => m.alert.labels)) as Record<
    string,
    string
  >;
  const used = usedVariables(template, body);
  const variables = Object.fromEntries(
    used.filter((name) => labels[name] !== undefined).map((name) => [name, labels[name]!]),
  );
  return { variables, unfilled: used.filter((name) => labels[name] === undefined) };
}

export function draftIncident(input: DraftInput): {
  frontMatter: Record<string, unknown>;
  body: string;
  /** Template variables no label filled: the draft says `{name}` there until a person edits it. */
  unfilled: string[];
} {
  const { proposal, alert, now, fill } = input;
  const started = fill.iso(alert.first_seen);
  const common = { draft: true, severity: proposal.severity, started, detected: started, detection: 'alert' };
  const components = proposal.components.map((c) => ({ id: c.id, impact: c.impact }));
  const record = { alert: alertField(alert, fill.iso) };
  if (!input.template) {
    const next = now + NEXT_UPDATE;
    const message = input.investigating({
      title: proposal.title,
      affected: components.map((c) => fill.componentName(c.id)),
      nextUpdate: fill.time(next),
    });
    return {
      frontMatter: {
        title: proposal.title,
        ...common,
        components,
        updates: [{ at: fill.iso(now), status: 'investigating', message, next_update: fill.iso(next) }],
        ...record,
      },
      body: '',
      unfilled: [],
    };
  }
  const { template, body } = input.template;
  const { variables, unfilled } = labelVariables(input, template, body);
  const opened = openingIncident(
    {
      template: { ...template, severity: proposal.severity },
      body,
      components,
      started: alert.first_seen,
      now,
      variables,
    },
    fill,
  );
  const { title, identified, updates } = opened.frontMatter;
  return {
    frontMatter: {
      title: proposal.title && proposal.matched[0]?.rule.title ? proposal.title : title,
      ...common,
      ...(identified === undefined ? {} : { identified }),
      components,
      ...(Object.keys(variables).length > 0 ? { template_vars: variables } : {}),
      updates,
      ...record,
    },
    body: opened.body,
    unfilled,
  };
}
