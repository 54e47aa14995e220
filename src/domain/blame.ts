export interface BlameWarning {
  path: (string | number)[];
  message: string;
}

/**
 * Blameless postmortems describe the system conditions that made a mistake easy and its effect large,
 * not the person who made it. A warning (never an error) goes to a cause that names a person (a name,
 * a role, a pronoun) as the one who forgot, failed, neglected or erred; systems failing are fine.
 */

/** Words that only people do: a capitalised word before them is a name. */
const HUMAN_ONLY =
  /\b(forgot|forgotten|forgets|neglected|neglects|didn'?t bother|did not bother|erred|mistyped|overlooked|made (?:a|an) (?:mistake|error|typo))\b/gi;

/** Words systems do too ("the health check failed"): only a person before them is blame. */
const AMBIGUOUS =
  /\b(failed|fails|missed|ignored|skipped|did not (?:check|notice|follow|test|verify|read|review|run)|didn'?t (?:check|notice|follow|test|verify|read|review|run))\b/gi;

const PRONOUN = /\b(he|she|someone|somebody|nobody|no one|i)\s*$/i;

const ROLE =
  /\b(on-?call(?: engineer)?|engineers?|developers?|devs?|operators?|admins?|administrators?|sysadmins?|sres?|dbas?|interns?|reviewers?|approvers?|(?:release |engineering |product )?managers?|deployers?|contractors?|employees?|staff|support agents?|analysts?|tech leads?)\b(?!'s)/i;

/** Common first names, for a name at the start of a sentence (where every word is capitalised). */
const FIRST_NAMES = new Set(
  (
    'aaron adam ahmed aisha alex alice amir ana andrea andrew anna ben bob carlos chen chris daniel dana ' +
    'david diego elena emily emma eric fatima felix hana hannah ivan james jan jane jason jen jessica john ' +
    'jose juan julia kai karen kate kenji kevin laura lee leo li lisa lucas luis maria mark marco martin ' +
    'mateo max mei michael mohammed nadia nina noah olga omar paul peter priya raj rosa ryan sam sara ' +
    'sarah sofia stefan steve tom wei yuki zoe'
  ).split(' '),
);

const ADVERBS = /\s+(?:also|then|again|simply|just|accidentally|mistakenly|unfortunately)\s*$/i;

const JUDGEMENTS: { pattern: RegExp; what: string }[] = [
  {
    pattern: /\b(human|operator|user|engineer|developer|pilot) error\b/i,
    what: 'names human error as a cause',
  },
  {
    pattern: /\b(careless(ly)?|negligen(t|ce)|sloppy|lazy|incompetent|should have known)\b/i,
    what: 'judges a person',
  },
  { pattern: /(^|\s)@[a-z0-9][\w-]*/i, what: 'names a person as the cause' },
];

/** The words before a verb in its own clause. */
function subjectBefore(text: string, index: number): string {
  const clause =
    text
      .slice(0, index)
      .split(/[.;:!?,]|\b(?:and|but|because|so|when|after|while)\b/i)
      .at(-1) ?? '';
  return clause.replace(ADVERBS, '').trimEnd();
}

/** Whether the words before a verb name a person: a pronoun, a role, or a name. */
function isPerson(subject: string, humanOnly: boolean, people: string[], organisations: string[]): boolean {
  if (/\bwe\s*$/i.test(subject)) return false; // the team speaking of itself
  // The company speaking of itself by name ("Kestrel failed to renew …") is "we", not a person.
  if (organisations.some((name) => endsWithName(subject, name))) return false;
  if (PRONOUN.test(subject)) return true;
  const lastWords = subject.split(/\s+/).slice(-4).join(' ');
  if (ROLE.test(lastWords)) return true;
  const last = subject.split(/\s+/).at(-1) ?? '';
  if (people.some((name) => subject.toLowerCase().endsWith(name.toLowerCase()))) return true;
  // A capitalised word is a name before a verb only people do, or when it is a common first name
  // ("Requests failed" and "Kubernetes failed" are systems; "Dana failed" is a person).
  if (!/^[A-Z][a-z]+$/.test(last)) return false;
  return humanOnly || FIRST_NAMES.has(last.toLowerCase());
}

function endsWithName(subject: string, name: string): boolean {
  const lower = subject.toLowerCase();
  const end = name.toLowerCase();
  return (
    lower.endsWith(end) && (lower.length === end.length || /\s/.test(lower[lower.length - end.length - 1]!))
  );
}

/** The person-as-cause phrase in a text, if there is one. */
function blamedPerson(text: string, people: string[], organisations: string[]): string | undefined {
  for (const [pattern, humanOnly] of [
    [HUMAN_ONLY, true],
    [AMBIGUOUS, false],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const subject = subjectBefore(text, match.index);
      if (isPerson(subject, humanOnly, people, organisations)) {
        const who = subject.split(/\s+/).slice(-3).join(' ');
        return `${who} ${match[0]}`.trim();
      }
    }
  }
  return undefined;
}

const HINT =
  'describe the system condition that allowed it instead (what made the mistake easy and its effect large)';

/** Fields where causes are written; action item owners and authors are where names belong. */
function causeTexts(pm: BlameFields): { path: (string | number)[]; text: string }[] {
  return [
    ...(pm.trigger ? [{ path: ['trigger'], text: pm.trigger }] : []),
    ...pm.root_causes.map((text, i) => ({ path: ['root_causes', i], text })),
    ...pm.five_whys.flatMap((why, i) =>
      typeof why === 'string'
        ? [{ path: ['five_whys', i], text: why }]
        : // A chain without a question is the plain list of answers, as written.
          why.answers.map((text, j) => ({
            path: why.question === undefined ? ['five_whys', j] : ['five_whys', i, 'answers', j],
            text,
          })),
    ),
    ...pm.contributing_factors.map((f, i) =>
      typeof f === 'string'
        ? { path: ['contributing_factors', i], text: f }
        : { path: ['contributing_factors', i, 'description'], text: f.description },
    ),
  ];
}

/** The fields blame is looked for in, as far as a postmortem that may not be valid has them. */
export interface BlameFields {
  trigger?: string | undefined;
  root_causes: string[];
  /** Answers, or chains of them (`{question, answers}`). */
  five_whys: (string | { question?: string | undefined; answers: string[] })[];
  contributing_factors: (string | { description: string })[];
  authors: string[];
  action_items: { owner?: string | undefined }[];
}

export interface BlameOptions {
  /** The organisation's own name (site.yaml `name`): the company is not a person. */
  organisation?: string | undefined;
}

/** A legal form, a unit or a trade word ending a name makes it an organisation's ("Acme Inc.", "Amazon Web Services"). */
const ORGANISATION_WORDS =
  /\b(?:inc|ltd|llc|gmbh|ag|corp|corporation|company|co|group|plc|limited|labs|foundation|engineering|operations|infrastructure|department|services|systems|technologies|networks|software|solutions)\b\.?$|\bteams?\b/i;

/** A name written as a brand: one word with a capital inside or all capitals ("GitLab", "AWS"), or a domain. */
const BRAND = /^(?:[A-Za-z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)$/;

/** The organisation's names: as site.yaml writes it, and without a trailing "Status". */
function organisationNames(organisation: string | undefined): string[] {
  const name = organisation?.trim();
  if (!name) return [];
  const bare = name.replace(/\s+status(?:\s+page)?$/i, '');
  return bare !== name && bare.length > 0 ? [name, bare] : [name];
}

/** Whether an author or owner is an organisation: the site's own, or one by the form of its name. */
function isOrganisation(name: string, organisations: string[]): boolean {
  const lower = name.toLowerCase();
  return (
    ORGANISATION_WORDS.test(name) ||
    BRAND.test(name) ||
    organisations.some((org) => lower === org.toLowerCase() || lower.startsWith(`${org.toLowerCase()} `))
  );
}

/** A name in a text, as a word of its own: not part of a host name, an address or a path ("db1.gitlab.com"). */
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w./-])${escaped}(?![\\w/@-]|\\.\\w)`, 'i').test(text);
}

/** Warnings (never errors) for blame language in a postmortem's causes. */
export function findBlameLanguage(pm: BlameFields, options: BlameOptions = {}): BlameWarning[] {
  const organisations = organisationNames(options.organisation);
  const people = [...pm.authors, ...pm.action_items.map((item) => item.owner ?? '')]
    .map((name) => name.replace(/^@/, '').trim())
    .filter((name) => name.length > 2 && !isOrganisation(name, organisations));
  const warnings: BlameWarning[] = [];
  for (const { path, text } of causeTexts(pm)) {
    const judged = JUDGEMENTS.find(({ pattern }) => pattern.test(text));
    const blamed = judged ? undefined : blamedPerson(text, people, organisations);
    const named = people.find((name) => mentions(text, name));
    if (judged)
      warnings.push({
        path,
        message: `${judged.what} ("${text.match(judged.pattern)?.[0]?.trim()}"); ${HINT}`,
      });
    else if (blamed)
      warnings.push({ path, message: `says a person forgot or failed ("${blamed}"); ${HINT}` });
    else if (named) warnings.push({ path, message: `names ${named} in a cause; ${HINT}` });
  }
  return warnings;
}
