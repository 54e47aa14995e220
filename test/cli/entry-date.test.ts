import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { smallSite } from '../helpers/small-site.ts';

// The date in a new file's id is the day the site shows for it, in the site's zone: in São Paulo an
// incident at 23:30 on 5 December (02:30 UTC on the 6th) is listed under 5 December on the page.

const SAO_PAULO = `name: Balsas
url: https://status.balsas.example
description: Status das balsas.
time_zone: America/Sao_Paulo
locale: pt-BR
`;

let root: string;

beforeEach(() => {
  root = smallSite(SAO_PAULO);
});

const cli = (...args: string[]) =>
  runCli([...args, '--content', root], { STATUSMARK_NOW: '2026-12-06T22:00:00Z' });

describe('the date of a new id is the local date of its start', () => {
  test('new incident started late in the evening', async () => {
    const result = await cli(
      'new',
      'incident',
      'Reservas fora do ar',
      '--severity',
      'P2',
      '--component',
      'app:major_outage',
      '--started',
      '2026-12-05T23:30:00-03:00',
      '--at',
      '2026-12-05T23:40:00-03:00',
    );
    expect(result.all).toContain('Wrote');
    expect(readdirSync(join(root, 'incidents'))).toContain('2026-12-05-reservas-fora-do-ar.md');
  });

  test('new maintenance starting late on a Tuesday evening', async () => {
    const result = await cli(
      'new',
      'maintenance',
      'Manutenção semanal',
      '--component',
      'app',
      '--start',
      '2026-12-08T23:00:00-03:00',
      '--end',
      '2026-12-09T01:00:00-03:00',
      '--recurrence',
      'FREQ=WEEKLY;BYDAY=TU;COUNT=8',
    );
    expect(result.all).toContain('Wrote');
    expect(readdirSync(join(root, 'maintenance'))).toEqual(['2026-12-08-manutencao-semanal.md']);
  });
});
