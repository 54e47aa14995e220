import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { findBlameLanguage } from '../../src/domain/blame.ts';
import { createPostmortemSchema } from '../../src/schemas/postmortem.ts';
import { context } from '../helpers/entries.ts';

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
