import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { DUTCH_SITE, smallSite } from '../helpers/small-site.ts';

let root: string;

beforeEach(() => {
  root = smallSite();
});

const check = () => runCli(['check', '--content', root], { STATUSMARK_NOW: '2026-12-06T22:00:00Z' });

describe('check says what is wrong and what is there', () => {
  test('a front matter without its closing --- line is told so, not that it has none', async () => {
    writeFileSync(join(root, 'incidents', '2026-12-01-open.md'), '---\ntitle: Open\nseverity: P3\n\nBody.\n');
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `${join(root, 'incidents', '2026-12-01-open.md')}:1  (file)  its front matter has no closing --- line; add one after the last field`,
    );
    expect(result.out).not.toContain('has no front matter');
  });

  test('a mistyped time_zone names the nearest IANA zone', async () => {
    writeFileSync(join(root, 'site.yaml'), DUTCH_SITE.replace('Europe/Amsterdam', 'Europe/Amsterdm'));
    const result = await check();
    expect(result.out).toContain('site.yaml:4  time_zone  must be an IANA time zone');
    expect(result.out).toContain('did you mean "Europe/Amsterdam"?');
  });

  test('a time with a space for its "T" and no zone is told what is missing and how to write it', async () => {
    writeFileSync(
      join(root, 'incidents', '2026-12-06-kaart.md'),
      `---
title: Kaart laadt traag
severity: P3
started: 2026-12-06 21:30:00
components:
  - { id: app, impact: degraded_performance }
updates:
  - { at: 2026-12-06T21:30:00Z, status: investigating, message: We kijken ernaar. }
---
`,
    );
    const result = await check();
    expect(result.out).toContain(
      'started  "2026-12-06 21:30:00" is not an ISO 8601 time: it lacks a "T" between the date and the time, and a time zone; write it as 2026-12-06T21:30:00Z or with an offset such as 2026-12-06T21:30:00+01:00',
    );
  });

  test('a draft postmortem is counted as a draft, not left out of the summary', async () => {
    mkdirSync(join(root, 'postmortems'));
    writeFileSync(
      join(root, 'postmortems', '2026-12-06-kaart.md'),
      '---\nincident: 2026-12-06-kaart\ndraft: true\n---\n\n## Summary\n\nTODO\n',
    );
    const result = await check();
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain(
      '0 postmortems, 1 component; drafts (on no page until published): 1 postmortem.',
    );
  });
});
