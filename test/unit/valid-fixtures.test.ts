import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/loader/problem.ts';
import { FIXTURES, treeWith, validate } from '../helpers/tree.ts';

// Legitimate content that an earlier rule refused; each file must pass check with no problem at all.
const folder = join(FIXTURES, 'valid', 'postmortems');

describe('valid content that must build', () => {
  test.each(readdirSync(folder))('postmortems/%s passes check', (file) => {
    const result = validate(treeWith('postmortems', join(folder, file)));
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.content?.postmortems).toHaveLength(1);
  });

  test('work finished before its due date keeps the due date', () => {
    const result = validate(treeWith('postmortems', join(folder, 'done-before-due.md')));
    const [item] = result.content?.postmortems[0]?.action_items ?? [];
    expect(item?.status).toBe('done');
    expect(item?.due).toBe(Date.parse('2027-01-15T00:00:00Z'));
  });
});
