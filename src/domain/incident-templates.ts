import { PLACEHOLDER_PATTERN, PLACEHOLDERS, type IncidentTemplate } from '../schemas/incident-template.ts';
import { parseInterval } from '../schemas/common.ts';
import { INCIDENT_STATUSES, type IncidentStatus } from '../schemas/vocabulary.ts';
import { closest, listInWords } from '../text/words.ts';

/** Filling an incident template: which placeholders a text uses, and the text with their values. */

export type TemplateUpdate = IncidentTemplate['updates'][number];

/** A placeholder a template uses but does not know, and where. */
export interface PlaceholderProblem {
  path: (string | number)[];
  /** The placeholder as written, such as "{compnent}", to find its line. */
  token: string;
  message: string;
}

/** Every text of a template that may hold placeholders, with its path in the front matter. */
function texts(template: IncidentTemplate, body: string): { path: (string | number)[]; text: string }[] {
  return [
    { path: ['title'], text: template.title },
    ...template.updates.map((update, index) => ({
      path: ['updates', index, 'message'],
      text: update.message,
    })),
    { path: ['(body)'], text: body },
  ];
}

/** Placeholders a template cannot fill: unknown names, and ones that make no sense where they are. */
export function placeholderProblems(template: IncidentTemplate, body: string): PlaceholderProblem[] {
  const known = [...Object.keys(PLACEHOLDERS), ...Object.keys(template.variables)];
  const problems: PlaceholderProblem[] = [];
  for (const { path, text } of texts(template, body)) {
    for (const [token, name = ''] of text.matchAll(PLACEHOLDER_PATTERN)) {
      const update = path[0] === 'updates' ? template.updates[path[1] as number] : undefined;
      if (!known.includes(name)) {
        const guess = closest(name, known);
        problems.push({
          path,
          token,
          message: `uses the unknown placeholder ${token}${guess ? `; did you mean {${guess}}?` : ''} Use ${known.map((k) => `{${k}}`).join(', ')}, or declare it under variables`,
        });
      } else if (path[0] === 'title' && ['title', 'now', 'next_update'].includes(name)) {
        problems.push({
          path,
          token,
          message: `cannot use ${token}: the title is written once, when the incident opens`,
        });
      } else if (name === 'next_update' && (!update || update.next_update === undefined)) {
        problems.push({
          path,
          token,
          message: `uses {next_update}, but ${update ? 'this update has no next_update; add one, such as next_update: 30m' : 'only an update promises one'}`,
        });
      }
    }
  }
  return problems;
}

/**
 * The text with each `{name}` replaced by its value; names without a value are left as written. A
 * value that starts a sentence (the text's start, after . ! ? and a space, a paragraph, a list item
 * or a heading) starts with a capital, in `language`'s rules: "{provider} has confirmed…" with
 * "our SMS provider" reads "Our SMS provider has confirmed…". Nothing is lowercased; a script
 * without case is left as it is.
 */
export function fillTemplate(
  text: string,
  values: Readonly<Record<string, string>>,
  language?: string,
): string {
  return text.replace(PLACEHOLDER_PATTERN, (token, name: string, offset: number) => {
    const value = values[name];
    if (value === undefined) return token;
    return startsSentence(text.slice(0, offset)) ? capitalise(value, language) : value;
  });
}

/** Text before a position that ends where a sentence starts, give or take opening quotes and emphasis. */
const SENTENCE_START =
  /(?:^|[.!?…][)"'’”»]*\s+|\n\s*\n|(?:^|\n)[ \t]*(?:[-*+]|\d+[.)]|#{1,6})[ \t]+)[*_"'“‘«¿¡(]*$/;

function startsSentence(before: string): boolean {
  return SENTENCE_START.test(before.trimStart() === '' ? '' : before);
}

function capitalise(value: string, language: string | undefined): string {
  const [first = ''] = value;
  let upper: string;
  try {
    upper = first.toLocaleUpperCase(language);
  } catch {
    upper = first.toUpperCase(); // a tag the runtime does not know
  }
  return upper + value.slice(first.length);
}

/** The variables of a template its texts use (a variable declared and never used is not asked for). */
export function usedVariables(template: IncidentTemplate, body: string): string[] {
  const used = new Set(
    texts(template, body).flatMap(({ text }) => [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1])),
  );
  return Object.keys(template.variables).filter((name) => used.has(name));
}

/**
 * The template update to post next: the one with `status` when given, else the first whose status
 * comes after the incident's current one (investigating → identified → monitoring), never resolved.
 */
export function nextTemplateUpdate(
  template: IncidentTemplate,
  current: IncidentStatus,
  status?: string,
): TemplateUpdate | undefined {
  if (status !== undefined) return template.updates.find((u) => u.status === status);
  const rank = (s: IncidentStatus) => INCIDENT_STATUSES.indexOf(s);
  return template.updates.find((u) => u.status !== 'resolved' && rank(u.status) > rank(current));
}

/** The promise an update makes, as an interval in milliseconds. */
export function nextUpdateIn(update: TemplateUpdate): number | undefined {
  return update.next_update === undefined ? undefined : parseInterval(update.next_update);
}

/** What filling a template needs beyond the template: names, times and the site's words. */
export interface FillContext {
  componentName: (id: string) => string;
  /** A time as readers see it, such as "14:30 UTC". */
  time: (ms: number) => string;
  /** A time as content files hold it. */
  iso: (ms: number) => string;
  siteName: string;
  severityLabel: (id: string) => string;
  /** The site's language tag, for the capital of a value that starts a sentence. */
  language?: string;
}

export interface TemplateInput {
  template: IncidentTemplate;
  body: string;
  /** The affected components; the template's own when none are given. */
  components: { id: string; impact: string }[];
  started: number;
  now: number;
  /** The template's variables. */
  variables: Readonly<Record<string, string>>;
}

/** Every placeholder's value for one update posted at `now`. */
export function templateValues(
  input: Omit<TemplateInput, 'body'> & { title: string; nextUpdate: number | undefined },
  fill: FillContext,
): Record<string, string> {
  const names = [...new Set(input.components.map((c) => c.id))].map(fill.componentName);
  return {
    ...input.variables,
    title: input.title,
    component: listInWords(names),
    started: fill.time(input.started),
    now: fill.time(input.now),
    next_update: input.nextUpdate === undefined ? '' : fill.time(input.nextUpdate),
    site: fill.siteName,
    severity: fill.severityLabel(input.template.severity),
  };
}

/** A template's first update as a new incident's front matter, and the template's body for its body. */
export function openingIncident(
  input: TemplateInput,
  fill: FillContext,
): { frontMatter: Record<string, unknown>; body: string } {
  const { template, now } = input;
  const components = input.components.length > 0 ? input.components : template.components;
  const first = template.updates[0]!;
  const interval = nextUpdateIn(first);
  const next = interval === undefined ? undefined : now + interval;
  const base = { ...input, components, nextUpdate: next };
  const title = fillTemplate(template.title, templateValues({ ...base, title: '' }, fill), fill.language);
  const values = templateValues({ ...base, title }, fill);
  return {
    frontMatter: {
      title,
      severity: template.severity,
      started: fill.iso(input.started),
      detected: fill.iso(now),
      acknowledged: fill.iso(now),
      ...(first.status === 'identified' || first.status === 'monitoring'
        ? { identified: fill.iso(now) }
        : {}),
      components: components.map((c) => ({ id: c.id, impact: c.impact })),
      updates: [
        {
          at: fill.iso(now),
          status: first.status,
          message: fillTemplate(first.message, values, fill.language),
          ...(next === undefined ? {} : { next_update: fill.iso(next) }),
        },
      ],
    },
    body: fillTemplate(input.body, values, fill.language).trim(),
  };
}
