import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let root: string;

const SITE = `name: Fietsdeel
url: https://status.fietsdeel.example
description: Actuele status van Fietsdeel.
time_zone: Europe/Amsterdam
locale: nl
`;

/** A Dutch site with one incident, opened at 21:00 UTC on 6 December 2026. */
beforeEach(() => {
  root = tempDir('settings');
  mkdirSync(join(root, 'incidents'));
  writeFileSync(join(root, 'site.yaml'), SITE);
  writeFileSync(join(root, 'components.yaml'), '- id: app\n  name: App\n  since: 2026-12-01\n');
  writeFileSync(
    join(root, 'incidents', '2026-12-06-kaart.md'),
    `---
title: Kaart laadt traag
severity: P3
started: 2026-12-06T21:00:00Z
components:
  - { id: app, impact: degraded_performance }
updates:
  - { at: 2026-12-06T21:00:00Z, status: investigating, message: We kijken ernaar. }
---
`,
  );
});

const cli = (now: string, ...args: string[]) => runCli([...args, '--content', root], { STATUSMARK_NOW: now });

/** Another content file with a mistake, which the command does not touch. */
function breakAnotherFile(): void {
  writeFileSync(join(root, 'incidents', '2026-12-01-kapot.md'), '---\ntitle: Kapot\n---\n');
}

const firstMessage = (file: string) => (frontMatterOf(file).updates as { message: string }[]).at(-1)!.message;

describe('commands write with the site settings whatever other files say', () => {
  test('new incident writes Dutch, with component names and Amsterdam time, beside a file with errors', async () => {
    breakAnotherFile();
    const result = await cli(
      '2026-12-06T22:06:00Z',
      'new',
      'incident',
      'Betalen lukt niet',
      '--severity',
      'P3',
      '--component',
      'app:degraded_performance',
    );
    expect(result.code, result.all).toBe(0);
    const message = firstMessage(join(root, 'incidents', '2026-12-06-betalen-lukt-niet.md'));
    expect(message).toContain('App is getroffen');
    expect(message).toContain('23:36');
    expect(message).not.toContain('UTC');
  });

  test('--at before the newest content keeps the site language and zone', async () => {
    const result = await cli(
      '2026-12-06T22:06:00Z',
      'new',
      'incident',
      'Betalen lukt niet',
      '--severity',
      'P3',
      '--component',
      'app:degraded_performance',
      '--at',
      '2026-12-06T20:00:00Z',
    );
    expect(result.code, result.all).toBe(0);
    const message = firstMessage(join(root, 'incidents', '2026-12-06-betalen-lukt-niet.md'));
    expect(message).toContain('We onderzoeken');
    expect(message).toContain('21:30');
  });

  test('update and resolve beside a file with errors write Dutch', async () => {
    breakAnotherFile();
    const file = join(root, 'incidents', '2026-12-06-kaart.md');
    const resolved = await cli('2026-12-06T22:30:00Z', 'resolve', '2026-12-06-kaart');
    expect(resolved.code, resolved.all).toBe(0);
    expect(firstMessage(file)).not.toMatch(/resolved|fixed/i);
    expect(firstMessage(file)).toMatch(/opgelost/i);
  });

  test('an invalid site.yaml is refused with its own problems, nothing written', async () => {
    writeFileSync(join(root, 'site.yaml'), SITE.replace('Europe/Amsterdam', 'Europe/Amsterdm'));
    const result = await cli(
      '2026-12-06T22:06:00Z',
      'new',
      'incident',
      'Betalen lukt niet',
      '--severity',
      'P3',
      '--component',
      'app:degraded_performance',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('site.yaml:4  time_zone');
    expect(result.err).toContain('nothing was written');
  });
});
