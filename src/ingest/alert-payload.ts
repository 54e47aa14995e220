import { ALERT_SOURCES, type AlertSource } from '../schemas/alert.ts';

/**
 * The alert payloads `statusmark ingest` reads, each brought to one shape: a group of alerts with
 * labels, times and a state. Recognised by their own fields: Alertmanager's webhook (version 4),
 * Grafana's webhook contact point (version 1, with orgId), Uptime Kuma's webhook (heartbeat and
 * monitor), the Gatus body docs/alerts.md recommends, and the small generic JSON it documents.
 */

/** One alert of a group, its times in UTC milliseconds. */
export interface Alert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** Its labels; for Uptime Kuma and Gatus `name` (the monitor's name), `url` and (Gatus) `group`. */
  labels: Record<string, string>;
  /** A line a person can read: the summary annotation, a monitor's message. */
  summary?: string;
  startsAt: number;
  /** When it resolved; absent while it fires. */
  endsAt?: number;
}

export interface AlertGroup {
  source: AlertSource;
  /** The source's name for people, such as "Prometheus Alertmanager (webhook version 4)". */
  described: string;
  /** What identifies the group from one notification to the next. */
  group: string;
  status: 'firing' | 'resolved';
  alerts: Alert[];
  /** Alerts the sender left out (Alertmanager's max_alerts). */
  truncated: number;
  /** Why this message asks for nothing (Uptime Kuma's "Test" button, a pending heartbeat). */
  ignored?: string;
}

/** A payload that is none of the known ones, or one of them with a field missing or malformed. */
export class AlertPayloadError extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Labels as strings (Grafana and Alertmanager send strings; a generic payload may send numbers). */
function labelsOf(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const labels: Record<string, string> = {};
  for (const [key, label] of Object.entries(value))
    if (typeof label === 'string' || typeof label === 'number' || typeof label === 'boolean')
      labels[key] = String(label);
  return labels;
}

/** RFC 3339 to milliseconds; Go's zero time (0001-01-01, "not ended") and anything unreadable are undefined. */
export function readTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || ms < Date.UTC(2000, 0, 1) ? undefined : ms;
}

/**
 * An alert's start and end as they can be true: never after the message arrived (a sender's clock
 * ahead of ours), and an end never before the start.
 */
function alertTimes(startsAt: number | undefined, endsAt: number | undefined, receivedAt: number) {
  const start = Math.min(startsAt ?? receivedAt, receivedAt);
  return {
    startsAt: start,
    endsAt: endsAt === undefined ? undefined : Math.max(start, Math.min(endsAt, receivedAt)),
  };
}

/** The labels in a stable order, as a key: `{alertname="X", service="api"}`. */
function labelKey(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${pairs.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

/** The payload itself when it came wrapped: a repository_dispatch body or event, or its client_payload. */
export function unwrapDispatch(raw: unknown): unknown {
  if (isObject(raw) && isObject(raw.client_payload)) return raw.client_payload;
  return raw;
}

/** Alertmanager's and Grafana's shared shape: a group with alerts, group labels and a key. */
function readGroupPayload(payload: Json, source: 'alertmanager' | 'grafana', receivedAt: number): AlertGroup {
  const alerts = (payload.alerts as unknown[]).map((entry, index): Alert => {
    if (!isObject(entry)) throw new AlertPayloadError(`alerts[${index}] is not an object`);
    const labels = labelsOf(entry.labels);
    const annotations = labelsOf(entry.annotations);
    const status = entry.status === 'resolved' ? 'resolved' : 'firing';
    const { startsAt, endsAt } = alertTimes(
      readTime(entry.startsAt),
      status === 'resolved' ? (readTime(entry.endsAt) ?? receivedAt) : undefined,
      receivedAt,
    );
    const summary = annotations.summary ?? annotations.description ?? labels.alertname;
    return {
      fingerprint:
        typeof entry.fingerprint === 'string' && entry.fingerprint ? entry.fingerprint : labelKey(labels),
      status,
      labels,
      ...(summary ? { summary } : {}),
      startsAt,
      ...(endsAt === undefined ? {} : { endsAt }),
    };
  });
  if (alerts.length === 0) throw new AlertPayloadError('alerts is empty: there is no alert to read');
  const receiver = typeof payload.receiver === 'string' ? payload.receiver : '';
  // A custom payload (Alertmanager's `payload:`) has no groupKey: the receiver and group labels stand for it.
  const group =
    typeof payload.groupKey === 'string' && payload.groupKey
      ? payload.groupKey
      : `${receiver}:${labelKey(labelsOf(payload.groupLabels))}`;
  const status = alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved';
  const version = typeof payload.version === 'string' ? payload.version : undefined;
  return {
    source,
    described:
      source === 'grafana'
        ? 'Grafana alerting (webhook contact point)'
        : `Prometheus Alertmanager (webhook version ${version ?? '4'})`,
    group: `${source}:${group}`,
    status: payload.status === 'resolved' && status === 'resolved' ? 'resolved' : status,
    alerts,
    truncated: typeof payload.truncatedAlerts === 'number' ? payload.truncatedAlerts : 0,
  };
}

/** Grafana's payload: version "1", orgId, state, or alerts with Grafana's own links and values. */
function isGrafana(payload: Json): boolean {
  if ('orgId' in payload || 'state' in payload || payload.version === '1') return true;
  return (payload.alerts as unknown[]).some(
    (alert) => isObject(alert) && ('silenceURL' in alert || 'values' in alert || 'dashboardURL' in alert),
  );
}

/**
 * Uptime Kuma's webhook: `heartbeat.status` 0 is down, 1 up; `heartbeat.time` is UTC without a zone
 * ("2024-09-24 23:51:35.527"). A test message has neither heartbeat nor monitor.
 */
function readUptimeKuma(payload: Json, receivedAt: number): AlertGroup {
  const { heartbeat, monitor } = payload;
  const ignored = (group: string, why: string): AlertGroup => ({
    source: 'uptime-kuma',
    described: 'Uptime Kuma (webhook)',
    group,
    status: 'firing',
    alerts: [],
    truncated: 0,
    ignored: why,
  });
  if (!isObject(heartbeat) || !isObject(monitor)) return ignored('uptime-kuma:test', 'a test message');
  // 0 down, 1 up, 2 pending, 3 maintenance: only down and up say something has changed.
  if (heartbeat.status !== 0 && heartbeat.status !== 1)
    return ignored(
      `uptime-kuma:monitor:${String(monitor.id)}`,
      `a heartbeat of status ${JSON.stringify(heartbeat.status)} (neither down nor up)`,
    );
  const name = typeof monitor.name === 'string' ? monitor.name : '';
  if (!name)
    throw new AlertPayloadError('monitor.name is missing: the rules match Uptime Kuma monitors by name');
  const time =
    typeof heartbeat.time === 'string' ? readTime(`${heartbeat.time.trim().replace(' ', 'T')}Z`) : undefined;
  const status = heartbeat.status === 0 ? 'firing' : 'resolved';
  const id = typeof monitor.id === 'number' || typeof monitor.id === 'string' ? String(monitor.id) : name;
  const labels = { name, ...(typeof monitor.url === 'string' && monitor.url ? { url: monitor.url } : {}) };
  const summary = typeof heartbeat.msg === 'string' && heartbeat.msg ? heartbeat.msg : undefined;
  const at = time ?? receivedAt;
  const times = { startsAt: at, endsAt: status === 'resolved' ? at : undefined };
  return singleAlert('uptime-kuma', 'Uptime Kuma (webhook)', `monitor:${id}`, receivedAt, {
    fingerprint: `uptime-kuma:${id}`,
    status,
    labels,
    summary,
    ...times,
  });
}

/** The body docs/alerts.md gives Gatus's custom alerting provider: `{gatus: {endpoint, group, status, …}}`. */
function readGatus(gatus: Json, receivedAt: number): AlertGroup {
  const name = typeof gatus.endpoint === 'string' ? gatus.endpoint.trim() : '';
  if (!name) throw new AlertPayloadError('gatus.endpoint is missing: set it to [ENDPOINT_NAME]');
  const state = typeof gatus.status === 'string' ? gatus.status.trim().toLowerCase() : '';
  if (!['triggered', 'resolved', 'firing'].includes(state))
    throw new AlertPayloadError(
      `gatus.status is "${String(gatus.status)}": set it to [ALERT_TRIGGERED_OR_RESOLVED]`,
    );
  const status = state === 'resolved' ? 'resolved' : 'firing';
  const groupName = typeof gatus.group === 'string' ? gatus.group.trim() : '';
  const labels: Record<string, string> = { name };
  if (groupName) labels.group = groupName;
  if (typeof gatus.url === 'string' && gatus.url) labels.url = gatus.url;
  const summary = typeof gatus.description === 'string' && gatus.description ? gatus.description : undefined;
  const key = `${groupName}/${name}`;
  return singleAlert('gatus', 'Gatus (custom alerting provider)', key, receivedAt, {
    fingerprint: `gatus:${key}`,
    status,
    labels,
    summary,
    startsAt: receivedAt,
    endsAt: status === 'resolved' ? receivedAt : undefined,
  });
}

/** The generic payload of docs/alerts.md: `{group, status, labels, title?, started?, ended?}`. */
function readGeneric(payload: Json, receivedAt: number): AlertGroup {
  const status = payload.status === 'resolved' ? 'resolved' : 'firing';
  if (payload.status !== 'firing' && payload.status !== 'resolved')
    throw new AlertPayloadError(`status is "${String(payload.status)}"; use "firing" or "resolved"`);
  const group = String(payload.group).trim();
  if (!group) throw new AlertPayloadError('group is empty; name the alert, such as "api-errors"');
  const summary =
    typeof payload.title === 'string' && payload.title.trim() ? payload.title.trim() : undefined;
  return singleAlert('generic', 'the generic alert JSON', group, receivedAt, {
    fingerprint: `generic:${group}`,
    status,
    labels: labelsOf(payload.labels),
    summary,
    startsAt: readTime(payload.started) ?? receivedAt,
    endsAt: status === 'resolved' ? (readTime(payload.ended) ?? receivedAt) : undefined,
  });
}

/** A group of one alert (Uptime Kuma, Gatus, the generic JSON), its times made true by alertTimes. */
function singleAlert(
  source: AlertSource,
  described: string,
  group: string,
  receivedAt: number,
  alert: Omit<Alert, 'summary' | 'endsAt'> & { summary: string | undefined; endsAt: number | undefined },
): AlertGroup {
  const { startsAt, endsAt } = alertTimes(alert.startsAt, alert.endsAt, receivedAt);
  const { fingerprint, status, labels, summary } = alert;
  return {
    source,
    described,
    group: `${source}:${group}`,
    status,
    alerts: [
      {
        fingerprint,
        status,
        labels,
        ...(summary ? { summary } : {}),
        startsAt,
        ...(endsAt === undefined ? {} : { endsAt }),
      },
    ],
    truncated: 0,
  };
}

/**
 * Recognises a payload and reads it; `receivedAt` stands for the times a source does not send
 * (Gatus sends none). Throws AlertPayloadError for anything it does not recognise, naming what it saw.
 */
export function readAlertPayload(raw: unknown, receivedAt: number): AlertGroup {
  const payload = unwrapDispatch(raw);
  if (!isObject(payload)) throw new AlertPayloadError('the payload is not a JSON object');
  if (Array.isArray(payload.alerts)) {
    if (isGrafana(payload)) return readGroupPayload(payload, 'grafana', receivedAt);
    if (payload.version !== undefined && payload.version !== '4')
      throw new AlertPayloadError(
        `an Alertmanager webhook of version ${JSON.stringify(payload.version)}; statusmark reads version 4`,
      );
    return readGroupPayload(payload, 'alertmanager', receivedAt);
  }
  if ('heartbeat' in payload && 'monitor' in payload) return readUptimeKuma(payload, receivedAt);
  if (isObject(payload.gatus)) return readGatus(payload.gatus, receivedAt);
  if (typeof payload.group === 'string' && 'status' in payload) return readGeneric(payload, receivedAt);
  const keys = Object.keys(payload).slice(0, 8).join(', ');
  throw new AlertPayloadError(
    `not an alert payload statusmark knows (it has ${keys || 'no fields'}); it reads ${ALERT_SOURCES.join(', ')} (docs/alerts.md)`,
  );
}
