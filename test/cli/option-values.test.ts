import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { smallSite } from '../helpers/small-site.ts';

let root: string;

beforeEach(() => {
  root = smallSite();
});

const cli = (...args: string[]) =>
  runCli([...args, '--content', root], { STATUSMARK_NOW: '2026-12-06T22:00:00Z' });

const firstLine = (text: string) => text.split('\n')[0];

describe('a bad option value is named by its option, with the values it takes', () => {
  test('update --status identifed', async () => {
    const result = await cli('update', '2026-12-06-kaart', '--status', 'identifed', '--message', 'x');
    expect(result.code).toBe(2);
    expect(firstLine(result.err)).toBe(
      '--status identifed is not a status; use investigating, identified, monitoring, update; did you mean identified?',
    );
    expect(result.err).not.toContain('.md:');
  });

  test('new incident --component app:major', async () => {
    const result = await cli('new', 'incident', 'X', '--severity', 'P3', '--component', 'app:major');
    expect(result.code).toBe(2);
    expect(firstLine(result.err)).toBe(
      '--component app:major: "major" is not an impact; use degraded_performance, partial_outage, major_outage; did you mean major_outage?',
    );
    expect(readdirSync(join(root, 'incidents'))).toEqual(['2026-12-06-kaart.md']);
  });

  test('new incident --component with an unknown component and --severity with an unknown severity', async () => {
    const component = await cli('new', 'incident', 'X', '--severity', 'P3', '--component', 'ap:major_outage');
    expect(firstLine(component.err)).toBe(
      '--component ap:major_outage: "ap" is not a component of components.yaml; use app; did you mean app?',
    );
    const severity = await cli('new', 'incident', 'X', '--severity', 'P7', '--component', 'app');
    expect(firstLine(severity.err)).toBe(
      '--severity P7 is not a severity of site.yaml; use P1, P2, P3, P4; did you mean P1?',
    );
  });

  test('update --component app=majr and new maintenance --impact', async () => {
    const update = await cli(
      'update',
      '2026-12-06-kaart',
      '--status',
      'identified',
      '--message',
      'x',
      '--component',
      'app=majr',
    );
    expect(firstLine(update.err)).toContain(
      '--component app=majr: "majr" is not an impact; use degraded_performance',
    );
    const maintenance = await cli(
      'new',
      'maintenance',
      'Onderhoud',
      '--component',
      'app',
      '--start',
      '2026-12-08T02:00:00Z',
      '--end',
      '2026-12-08T03:00:00Z',
      '--impact',
      'maintenance',
    );
    expect(firstLine(maintenance.err)).toBe(
      '--impact maintenance is not an impact; use under_maintenance, degraded_performance, partial_outage, major_outage; did you mean under_maintenance?',
    );
  });
});

describe('a usage error about a value is one line and a pointer to --help, not the whole help', () => {
  test('publish on an incident published already', async () => {
    const result = await cli('publish', '2026-12-06-kaart');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      '2026-12-06-kaart is not a draft: it is published already\nSee "statusmark publish --help".\n',
    );
  });

  test('notify --test with a channel that is not one', async () => {
    const result = await cli('notify', '--test', 'nope');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'no channel "nope": site.yaml has no notifications; add the channel there first (docs/notifications.md)\nSee "statusmark notify --help".\n',
    );
  });

  test('a flag without its value still prints the help', async () => {
    const result = await runCli(['update', '2026-12-06-kaart', '--content', root, '--status']);
    expect(result.err).toMatch(/^--status needs a value\n\nstatusmark update /);
  });
});

describe('a time option written with a space and no zone', () => {
  test('is answered with the fixed form', async () => {
    const result = await cli('resolve', '2026-12-06-kaart', '--mitigated', '2026-12-06 21:30:00');
    expect(result.code).toBe(2);
    expect(firstLine(result.err)).toBe(
      '--mitigated "2026-12-06 21:30:00" is not an ISO time with a zone; write it as 2026-12-06T21:30:00Z or with an offset such as 2026-12-06T21:30:00+01:00',
    );
  });
});
