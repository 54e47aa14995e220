import type { AlertRule } from '../schemas/alert.ts';
import { DEFAULT_ALERT_WINDOW } from '../schemas/alert.ts';
import { parseInterval } from '../schemas/common.ts';
import { IMPACTS, type Impact } from '../schemas/vocabulary.ts';
import type { Alert, AlertGroup } from './alert-payload.ts';

/** What the rules of site.yaml make of one alert group: the draft they propose, and what no rule took. */
export interface Proposal {
  /** The alerts some rule took, with the first rule that took each. */
  matched: { alert: Alert; rule: AlertRule; index: number }[];
  /** Alerts no rule takes: reported and ignored. */
  unmatched: Alert[];
  /** Each affected component with the worst impact any matching rule gives it, in rule order. */
  components: { id: string; impact: Impact }[];
  /** The highest severity of the matching rules, by the site's scale (highest first). */
  severity: string;
  /** The first matching rule's template and title, if it has them. */
  template?: string;
  title: string;
  /** The first matching rule's flapping window, in milliseconds. */
  window: number;
}

/** The first rule whose every `match` label equals the alert's; undefined when none does. */
export function findRule(rules: readonly AlertRule[], labels: Record<string, string>): number | undefined {
  const index = rules.findIndex((rule) =>
    Object.entries(rule.match).every(([key, value]) => labels[key] === value),
  );
  return index < 0 ? undefined : index;
}

/** A title from the alert itself: a monitor's name, else the alert's summary or name. */
function alertTitle(alert: Alert, source: AlertGroup['source']): string {
  if ((source === 'uptime-kuma' || source === 'gatus') && alert.labels.name) return alert.labels.name;
  const name = alert.labels.alertname ?? alert.labels.name ?? 'Alert';
  return (alert.summary ?? name).split('\n')[0]!.trim().slice(0, 120) || name;
}

/** Matches each alert of the group; undefined `severity` order means the rules' own order decides. */
export function proposeDraft(
  group: AlertGroup,
  rules: readonly AlertRule[],
  severityOrder: readonly string[],
): Proposal | { matched: []; unmatched: Alert[] } {
  const matched: Proposal['matched'] = [];
  const unmatched: Alert[] = [];
  for (const alert of group.alerts) {
    const index = findRule(rules, alert.labels);
    if (index === undefined) unmatched.push(alert);
    else matched.push({ alert, rule: rules[index]!, index });
  }
  const [first] = matched;
  if (!first) return { matched: [], unmatched };
  const impacts = new Map<string, Impact>();
  for (const { rule } of matched)
    for (const id of rule.components) {
      const known = impacts.get(id);
      if (!known || IMPACTS.indexOf(rule.impact) > IMPACTS.indexOf(known)) impacts.set(id, rule.impact);
    }
  const rank = (id: string) => {
    const at = severityOrder.indexOf(id);
    return at < 0 ? Infinity : at;
  };
  const severity = matched.map((m) => m.rule.severity).reduce((a, b) => (rank(b) < rank(a) ? b : a));
  return {
    matched,
    unmatched,
    components: [...impacts].map(([id, impact]) => ({ id, impact })),
    severity,
    ...(first.rule.template ? { template: first.rule.template } : {}),
    title: first.rule.title ?? alertTitle(first.alert, group.source),
    window: parseInterval(first.rule.window ?? DEFAULT_ALERT_WINDOW)!,
  };
}
