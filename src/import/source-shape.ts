import { parsePlainDate } from '../schemas/common.ts';

/**
 * What the fields of a source document (Statuspage's JSON, a Hugo config) must hold for an importer
 * to read them: each a value of its kind, or absent, or null. Problems name the field by its path and
 * say what was found only by kind, never by value: a document may hold what must not be printed.
 */

type Kind = 'text' | 'time' | 'date' | 'boolean' | 'number';
export type Shape = Kind | { list: Shape } | { record: Fields } | { textMap: true };
/** A record's fields; a name ending in `!` must be present. */
export type Fields = Record<string, Shape>;

/** Times Statusmark can hold: four-digit years (an extended year such as +275760 is none). */
const EARLIEST = Date.parse('0000-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59Z');

/** A time (any offset, fractional seconds) as UTC ms, or undefined when it is none Statusmark can hold. */
export function holdableTime(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) || ms < EARLIEST || ms > LATEST ? undefined : ms;
}

const EXPECTED: Record<Kind, string> = {
  text: 'a text',
  time: 'an ISO 8601 time with a four-digit year, such as "2026-10-05T13:00:00Z"',
  date: 'a date such as "2026-01-01"',
  boolean: 'true or false',
  number: 'a number',
};

function expectedOf(shape: Shape): string {
  if (typeof shape === 'string') return EXPECTED[shape];
  return 'list' in shape ? 'a list' : 'an object';
}

export function found(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return `${value}`;
  if (value instanceof Date) return 'a date';
  return 'an object';
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problems of one value: `path is …; expected …`, values never quoted (a document may hold secrets). */
export function checkShape(value: unknown, shape: Shape, path: string, problems: string[]): void {
  if (value === undefined || value === null) return;
  const wrong = (expected: string, what = found(value)): void => {
    problems.push(`${path} is ${what}; expected ${expected}`);
  };
  if (typeof shape === 'string') {
    const kind = { text: 'string', time: 'string', date: 'string', boolean: 'boolean', number: 'number' }[
      shape
    ];
    if (typeof value !== kind || (shape === 'number' && !Number.isFinite(value)))
      return wrong(EXPECTED[shape]);
    if (shape === 'time' && value !== '' && holdableTime(value as string) === undefined)
      wrong(EXPECTED.time, 'a text that is not such a time');
    if (shape === 'date' && value !== '' && parsePlainDate(value as string) === undefined)
      wrong(EXPECTED.date, 'a text that is not such a date');
    return;
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) return wrong(expectedOf(shape));
    value.forEach((item, index) => {
      // A list holds values: an empty place in one is a mistake, not an absent field.
      if (item === null || item === undefined)
        problems.push(`${path}[${index}] is null; expected ${expectedOf(shape.list)}`);
      else checkShape(item, shape.list, `${path}[${index}]`, problems);
    });
    return;
  }
  if (!isRecord(value)) return wrong(expectedOf(shape));
  if ('textMap' in shape) {
    for (const [key, item] of Object.entries(value)) checkShape(item, 'text', `${path}.${key}`, problems);
    return;
  }
  for (const [name, field] of Object.entries(shape.record)) {
    const key = name.replace(/!$/, '');
    const at = path ? `${path}.${key}` : key;
    if (name.endsWith('!') && (value[key] === undefined || value[key] === null))
      problems.push(`${at} is missing; expected ${expectedOf(field)}`);
    else checkShape(value[key], field, at, problems);
  }
}
