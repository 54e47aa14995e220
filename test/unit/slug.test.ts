import { expect, test } from 'vitest';
import { slugify } from '../../src/text/slug.ts';

test.each([
  ['Card payments failing (EU)', Infinity, 'card-payments-failing-eu'],
  ['Résumé exports délayed', Infinity, 'resume-exports-delayed'],
  ['  --Weird   spacing--  ', Infinity, 'weird-spacing'],
  ['one two three four five six seven eight nine ten', 8, 'one-two-three-four-five-six-seven-eight'],
  ['!!!', Infinity, ''],
])('slugify(%j) is %j', (text, maxWords, slug) => {
  expect(slugify(text, maxWords)).toBe(slug);
});
