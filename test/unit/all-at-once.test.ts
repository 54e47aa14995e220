import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/loader/problem.ts';
import { baseTree, validate } from '../helpers/tree.ts';

// One run of check shows every problem, warnings included: nobody should fix a file three times to
// learn what was wrong with it.
describe('check reports every problem at once', () => {
  const tree = baseTree();
  const add = (kind: 'incidents' | 'postmortems', name: string) =>
    tree[kind].push({
      file: `test/fixtures/many-mistakes/${kind}/${name}`,
      text: readFileSync(`test/fixtures/many-mistakes/${kind}/${name}`, 'utf8'),
    });
  add('incidents', '2026-11-21-several.md');
  add('postmortems', '2026-11-20-api-errors.md');
  const lines = validate(tree).problems.map(formatProblem);

  test('references to site.yaml and components.yaml are checked with the schema, not after it', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/several\.md:3 {2}severity {2}"P9" is not a severity in site\.yaml/),
        expect.stringMatching(/several\.md:4 {2}started {2}"2026-11-21T14:00:00" has no time zone/),
        expect.stringMatching(/several\.md:6 {2}components\[0\]\.id {2}"payments" is not a component/),
      ]),
    );
  });

  test("a file's warnings show while it has errors", () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /api-errors\.md:12 {2}action_items\[0\]\.type {2}must be one of .*did you mean "prevent"/,
        ),
        expect.stringMatching(
          /api-errors\.md:7 {2}trigger {2}warning: says a person forgot or failed \("Bob forgot"\)/,
        ),
      ]),
    );
  });
});
