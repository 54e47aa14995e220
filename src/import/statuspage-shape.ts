import { checkShape, found, isRecord, type Fields } from './source-shape.ts';

/**
 * What a Statuspage document's fields must hold for the importer to read them: each field a value of
 * the kind Statuspage writes, or absent, or null. A document with a field of another kind is refused
 * as a whole, each such field named by its JSON path; nothing is half-imported from it.
 */

const AFFECTED: Fields = { 'code!': 'text', name: 'text', old_status: 'text', new_status: 'text' };

const UPDATE: Fields = {
  'status!': 'text',
  body: 'text',
  created_at: 'time',
  display_at: 'time',
  affected_components: { list: { record: AFFECTED } },
};

const COMPONENT: Fields = {
  'id!': 'text',
  'name!': 'text',
  description: 'text',
  group: 'boolean',
  group_id: 'text',
  start_date: 'date',
};

/** Statusmark's own record of an incident, when the source is a Statusmark site's API. */
const OWN: Fields = {
  severity: 'text',
  severity_changes: { list: { record: { 'at!': 'time', 'severity!': 'text' } } },
  signal_at: 'time',
  detected_at: 'time',
  mitigated_at: 'time',
  precision: { textMap: true },
  components: {
    list: {
      record: {
        'id!': 'text',
        'impact!': 'text',
        from: 'time',
        to: 'time',
        share: 'number',
        share_of: 'text',
        locations: { list: 'text' },
        where: 'text',
      },
    },
  },
  updates: { list: { record: { stated: 'boolean', channel: 'text' } } },
};

const INCIDENT: Fields = {
  'id!': 'text',
  'name!': 'text',
  status: 'text',
  impact: 'text',
  created_at: 'time',
  started_at: 'time',
  monitoring_at: 'time',
  resolved_at: 'time',
  scheduled_for: 'time',
  scheduled_until: 'time',
  incident_updates: { list: { record: UPDATE } },
  components: { list: { record: COMPONENT } },
  postmortem_body: 'text',
  description: 'text',
  statusmark: { record: OWN },
};

/**
 * Whether a list item is a record of its kind at all: Statuspage's lists hold only records, and an
 * item without an id or a name (null, an error document) is no incident or component and is passed over.
 */
export function isStatuspageRecord(value: unknown): value is { id: unknown; name: unknown } {
  return (
    isRecord(value) &&
    value.id !== undefined &&
    value.id !== null &&
    value.name !== undefined &&
    value.name !== null
  );
}

function checkRecords(value: unknown, fields: Fields, path: string, problems: string[]): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    problems.push(`${path || 'the document'} is ${found(value)}; expected a list`);
    return;
  }
  value.forEach((item, index) => {
    if (isStatuspageRecord(item)) checkShape(item, { record: fields }, `${path}[${index}]`, problems);
  });
}

/**
 * The fields of a Statuspage document (a list of incidents, one incident, or an object with
 * components, incidents and scheduled_maintenances) that do not hold what Statuspage writes there.
 */
export function checkStatuspageDocument(document: unknown): string[] {
  const problems: string[] = [];
  if (Array.isArray(document)) checkRecords(document, INCIDENT, '', problems);
  else if (isRecord(document) && 'incident_updates' in document)
    checkShape(document, { record: INCIDENT }, '', problems);
  else if (isRecord(document)) {
    checkRecords(document.components, COMPONENT, 'components', problems);
    checkRecords(document.incidents, INCIDENT, 'incidents', problems);
    checkRecords(document.scheduled_maintenances, INCIDENT, 'scheduled_maintenances', problems);
  } else problems.push(`the document is ${found(document)}; expected an object or a list`);
  return problems;
}
