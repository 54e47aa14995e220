import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/loader/problem.ts';
import { baseTree, validate } from '../helpers/tree.ts';

// A mistake elsewhere in site.yaml must not make the checker read times in UTC instead of the
// site's zone: a weekly window on Tuesday evenings in São Paulo is Wednesday morning in UTC.

const weeklyTuesdayEvening = `---
title: Weekly database maintenance
components:
  - api
announced: 2026-11-20T12:00:00Z
scheduled_start: 2026-11-25T02:00:00Z
scheduled_end: 2026-11-25T04:00:00Z
recurrence: FREQ=WEEKLY;BYDAY=TU;COUNT=8
updates:
  - at: 2026-11-20T12:00:00Z
    status: scheduled
    message: Weekly maintenance.
---
`;

function treeWithSite(extra: string) {
  const tree = baseTree();
  tree.site = {
    file: 'content/site.yaml',
    text: `${tree.site!.text.trimEnd()}\ntime_zone: America/Sao_Paulo\n${extra}`,
  };
  tree.maintenance.push({ file: 'content/maintenance/2026-11-25-weekly.md', text: weeklyTuesdayEvening });
  return tree;
}

describe('the site zone when site.yaml has another mistake', () => {
  test('a recurring window valid in the site zone is accepted', () => {
    expect(validate(treeWithSite('')).problems.map(formatProblem)).toEqual([]);
  });

  test('an invalid subscribe provider is the only problem reported', () => {
    const problems = validate(treeWithSite('subscribe:\n  provider: butondown\n')).problems.map(
      formatProblem,
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^content\/site\.yaml:\d+ {2}subscribe\.provider {2}must be one of "buttondown", "listmonk"/,
      ),
    ]);
  });

  test('a bad indent elsewhere in site.yaml reports only the YAML errors of site.yaml', () => {
    const problems = validate(
      treeWithSite('subscribe:\n  provider: buttondown\n    username: ferries\n'),
    ).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map(formatProblem).filter((line) => !line.startsWith('content/site.yaml:'))).toEqual([]);
  });
});
