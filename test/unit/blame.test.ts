import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { findBlameLanguage } from '../../src/domain/blame.ts';
import { createPostmortemSchema } from '../../src/schemas/postmortem.ts';
import { context } from '../helpers/entries.ts';
import { baseTree, validate } from '../helpers/tree.ts';

const { blaming, systems } = parse(readFileSync('test/fixtures/blame/sentences.yaml', 'utf8')) as {
  blaming: string[];
  systems: string[];
};

/** Whether check would warn about a sentence written as a postmortem's root cause. */
function flagged(sentence: string): boolean {
  const pm = createPostmortemSchema({ ...context, incidentIds: new Set(['x']) }).parse({
    incident: 'x',
    draft: true,
    root_causes: [sentence],
  });
  return findBlameLanguage(pm).length > 0;
}

describe('findBlameLanguage', () => {
  test('the fixture holds at least 20 sentences of each kind', () => {
    expect(blaming.length).toBeGreaterThanOrEqual(20);
    expect(systems.length).toBeGreaterThanOrEqual(20);
  });

  test('flags at least 95 % of the sentences that blame a person', () => {
    const missed = blaming.filter((sentence) => !flagged(sentence));
    expect(missed.length / blaming.length, `missed: ${missed.join(' | ')}`).toBeLessThanOrEqual(0.05);
  });

  test('leaves at least 95 % of the sentences about systems alone', () => {
    const wrong = systems.filter(flagged);
    expect(wrong.length / systems.length, `flagged: ${wrong.join(' | ')}`).toBeLessThanOrEqual(0.05);
  });

  test('the warning quotes who and what, and says what to write instead', () => {
    const pm = createPostmortemSchema({ ...context, incidentIds: new Set(['x']) }).parse({
      incident: 'x',
      draft: true,
      root_causes: ['The on-call engineer failed to acknowledge the page.'],
    });
    expect(findBlameLanguage(pm)).toEqual([
      {
        path: ['root_causes', 0],
        message:
          'says a person forgot or failed ("The on-call engineer failed"); describe the system condition that allowed it instead (what made the mistake easy and its effect large)',
      },
    ]);
  });
});

describe('the company is not a person', () => {
  const parse = (fields: Record<string, unknown>) =>
    createPostmortemSchema({ ...context, incidentIds: new Set(['x']) }).parse({
      incident: 'x',
      draft: true,
      ...fields,
    });

  test("the site's own name as the subject of a cause is the company speaking, not a person", () => {
    const pm = parse({ root_causes: ['Kestrel forgot to renew the certificate for api.kestrel.example.'] });
    expect(findBlameLanguage(pm, { organisation: 'Kestrel' })).toEqual([]);
    // Without the site's name, the same sentence reads as a person forgetting.
    expect(findBlameLanguage(pm)).toHaveLength(1);
  });

  test('a site named "… Status" is the company without the word', () => {
    const pm = parse({ authors: ['Kestrel'], trigger: 'Kestrel neglected the expiry warnings.' });
    expect(findBlameLanguage(pm, { organisation: 'Kestrel Status' })).toEqual([]);
  });

  test.each([
    ['GitLab', 'A wipe meant for db2.cluster.gitlab.com ran on the primary, which GitLab had not protected.'],
    ['Amazon Web Services', 'Amazon Web Services capacity tooling removed too many servers at once.'],
    ['Acme Corp', 'Acme Corp failed to rotate the signing keys.'],
    ['Platform Engineering', 'The Platform Engineering runbook skipped the drain step.'],
  ])('an author that is an organisation (%s) is not flagged in a cause', (author, cause) => {
    expect(findBlameLanguage(parse({ authors: [author], root_causes: [cause] }))).toEqual([]);
  });

  test('a person who wrote the postmortem is still flagged when a cause names them', () => {
    const pm = parse({
      authors: ['Dana Smith'],
      root_causes: ['Dana Smith ran the cleanup on the primary.'],
    });
    expect(findBlameLanguage(pm).map((w) => w.message)).toEqual([
      expect.stringMatching(/^names Dana Smith in a cause/),
    ]);
  });

  test('a name inside a host name or an address is not a mention of that person', () => {
    const pm = parse({
      authors: ['Dana'],
      root_causes: ['The job wrote to dana.backups.example and /srv/dana.'],
    });
    expect(findBlameLanguage(pm)).toEqual([]);
  });
});

describe('causes in every form', () => {
  const parse = (fields: Record<string, unknown>) =>
    createPostmortemSchema({ ...context, incidentIds: new Set(['x']) }).parse({
      incident: 'x',
      draft: true,
      ...fields,
    });

  test('answers of five-whys chains and plain-text factors are read, with the path as written', () => {
    // As check reads a file: the front matter as written, whatever its form.
    const warnings = findBlameLanguage({
      root_causes: [],
      five_whys: [{ question: 'Why?', answers: ['The load rose.', 'Bob forgot to scale the pool.'] }],
      contributing_factors: ['The on-call engineer failed to acknowledge the page.'],
      authors: [],
      action_items: [],
    });
    expect(warnings.map((w) => w.path)).toEqual([
      ['five_whys', 0, 'answers', 1],
      ['contributing_factors', 0],
    ]);
  });

  test('one chain written as a list keeps the path of each answer', () => {
    const pm = parse({ five_whys: ['The load rose.', 'Bob forgot to scale the pool.'] });
    expect(findBlameLanguage(pm).map((w) => w.path)).toEqual([['five_whys', 1]]);
  });
});

describe('check', () => {
  test("does not flag the site's own name (site.yaml name) in a postmortem's causes", () => {
    const tree = baseTree();
    tree.postmortems.push({
      file: 'content/postmortems/2026-11-20-api-errors.md',
      text: '---\nincident: 2026-11-20-api-errors\ndraft: true\nroot_causes:\n  - Fixture Co forgot to renew the certificate.\n  - Dana forgot to renew the certificate.\n---\n',
    });
    const warnings = validate(tree).problems.filter((p) => p.severity === 'warning');
    expect(warnings.map((p) => p.path)).toEqual(['root_causes[1]']);
  });
});
