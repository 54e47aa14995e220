import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { DUTCH_SITE, smallSite } from '../helpers/small-site.ts';

let root: string;

beforeEach(() => {
  root = smallSite();
});

const cli = (now: string, ...args: string[]) => runCli([...args, '--content', root], { STATUSMARK_NOW: now });

/** Another content file with a mistake, which the command does not touch. */
function breakAnotherFile(): void {
  writeFileSync(join(root, 'incidents', '2026-12-01-kapot.md'), '---\ntitle: Kapot\n---\n');
}

/** The incident most tests open: Betalen lukt niet, P3, the app degraded, at 23:06 in Amsterdam. */
const newPaymentIncident = (...extra: string[]) =>
  cli(
    '2026-12-06T22:06:00Z',
    'new',
    'incident',
    'Betalen lukt niet',
    '--severity',
    'P3',
    '--component',
    'app:degraded_performance',
    ...extra,
  );
const paymentIncidentFile = () => join(root, 'incidents', '2026-12-06-betalen-lukt-niet.md');

const firstMessage = (file: string) => (frontMatterOf(file).updates as { message: string }[]).at(-1)!.message;

describe('commands write with the site settings whatever other files say', () => {
  test('new incident writes Dutch, with component names and Amsterdam time, beside a file with errors', async () => {
    breakAnotherFile();
    const result = await newPaymentIncident();
    expect(result.code, result.all).toBe(0);
    const message = firstMessage(paymentIncidentFile());
    expect(message).toContain('App is getroffen');
    expect(message).toContain('23:36');
    expect(message).not.toContain('UTC');
  });

  test('--at before the newest content keeps the site language and zone', async () => {
    const result = await newPaymentIncident('--at', '2026-12-06T20:00:00Z');
    expect(result.code, result.all).toBe(0);
    const message = firstMessage(paymentIncidentFile());
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

  test('new maintenance beside a file with errors announces in Dutch, in Amsterdam time', async () => {
    breakAnotherFile();
    const result = await cli(
      '2026-12-06T22:06:00Z',
      'new',
      'maintenance',
      'Database-onderhoud',
      '--component',
      'app',
      '--start',
      '2026-12-10T02:00:00Z',
      '--end',
      '2026-12-10T03:00:00Z',
    );
    expect(result.code, result.all).toBe(0);
    const message = firstMessage(join(root, 'maintenance', '2026-12-10-database-onderhoud.md'));
    expect(message).toContain('App');
    expect(message).toContain('03:00');
    expect(message).not.toMatch(/UTC|scheduled/i);
  });

  test('an invalid site.yaml is refused with its own problems, nothing written', async () => {
    writeFileSync(join(root, 'site.yaml'), DUTCH_SITE.replace('Europe/Amsterdam', 'Europe/Amsterdm'));
    const result = await newPaymentIncident();
    expect(result.code).toBe(1);
    expect(result.err).toContain('site.yaml:4  time_zone');
    expect(result.err).toContain('nothing was written');
  });
});
