import type { Postmortem } from '../schemas/postmortem.ts';

export interface BlameWarning {
  path: (string | number)[];
  message: string;
}

/** Phrases that put a person where a system condition belongs (blameless postmortem practice). */
const BLAME_PATTERNS: { pattern: RegExp; what: string }[] = [
  {
    pattern: /\b(human|operator|user|engineer|developer|pilot) error\b/i,
    what: 'names human error as a cause',
  },
  {
    pattern: /\b(forgot|neglected|failed|didn'?t bother|did not bother)\b(?! (over|back|open|closed))/i,
    what: 'says a person forgot or failed',
  },
  {
    pattern: /\b(careless(ly)?|negligen(t|ce)|sloppy|lazy|incompetent|should have known)\b/i,
    what: 'judges a person',
  },
  { pattern: /(^|\s)@[a-z0-9][\w-]*/i, what: 'names a person as the cause' },
];

const HINT =
  'describe the system condition that allowed it instead (what made the mistake easy and its effect large)';

/** Fields where causes are written; action item owners and authors are where names belong. */
function causeTexts(pm: Postmortem): { path: (string | number)[]; text: string }[] {
  return [
    ...(pm.trigger ? [{ path: ['trigger'], text: pm.trigger }] : []),
    ...pm.root_causes.map((text, i) => ({ path: ['root_causes', i], text })),
    ...pm.five_whys.map((text, i) => ({ path: ['five_whys', i], text })),
    ...pm.contributing_factors.map((f, i) => ({
      path: ['contributing_factors', i, 'description'],
      text: f.description,
    })),
  ];
}

/** Warnings (never errors) for blame language in a postmortem's causes. */
export function findBlameLanguage(pm: Postmortem): BlameWarning[] {
  const people = [...pm.authors, ...pm.action_items.map((item) => item.owner)]
    .map((name) => name.replace(/^@/, '').trim())
    .filter((name) => name.length > 2 && !/\bteam\b/i.test(name));
  const warnings: BlameWarning[] = [];
  for (const { path, text } of causeTexts(pm)) {
    const found = BLAME_PATTERNS.find(({ pattern }) => pattern.test(text));
    const person = people.find((name) =>
      new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text),
    );
    if (found)
      warnings.push({
        path,
        message: `${found.what} ("${text.match(found.pattern)?.[0]?.trim()}"); ${HINT}`,
      });
    else if (person) warnings.push({ path, message: `names ${person} in a cause; ${HINT}` });
  }
  return warnings;
}
