import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const FLAGS = ['--yes', '--name', 'Fietsdeel', '--url', 'https://status.fietsdeel.example'];

describe('init in another language', () => {
  test('--locale nl writes the description in Dutch and says the incident templates are English', async () => {
    const dir = join(tempDir('init-nl'), 'site');
    const result = await runCli(['init', dir, ...FLAGS, '--locale', 'nl', '--time-zone', 'Europe/Amsterdam']);
    expect(result.code, result.err).toBe(0);
    const site = parse(readFileSync(join(dir, 'content', 'site.yaml'), 'utf8')) as { description: string };
    expect(site.description).toBe('Actuele status en storingsgeschiedenis van Fietsdeel.');
    expect(result.out).toContain(
      'The incident templates in content/templates/ are in English; translate their titles and messages before you use them.',
    );
  });

  test('an English site keeps its English description and is told nothing about templates', async () => {
    const dir = join(tempDir('init-en'), 'site');
    const result = await runCli(['init', dir, ...FLAGS]);
    const site = parse(readFileSync(join(dir, 'content', 'site.yaml'), 'utf8')) as { description: string };
    expect(site.description).toBe('Current status and incident history of Fietsdeel.');
    expect(result.out).not.toContain('content/templates/ are in English');
  });
});
