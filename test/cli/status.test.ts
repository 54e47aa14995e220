import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const FIXTURE = 'test/fixtures/site';

// That status says what the built home page says: test/site/status-command.test.ts.
describe('statusmark status', () => {
  test('an overdue next-update promise is named, with the command to keep it, and exits 3', async () => {
    const result = await runCli(['status', '--content', FIXTURE], { STATUSMARK_NOW: '2026-11-23T02:00:00Z' });
    expect(result.code).toBe(3);
    expect(result.out).toContain(
      'OVERDUE: the next update was promised by 01:30 UTC, 30 minutes ago; post one with "statusmark update 2026-11-22-elevated-api-errors"',
    );
  });

  test('lists components in the home page’s order, a group’s members together, and maintenance as the page does', async () => {
    const root = join(tempDir('status-order'), 'content');
    cpSync(FIXTURE, root, { recursive: true });
    // Webhooks (of "Developer tools") moved to the end of the file, after "Accounts and data".
    const components = readFileSync(join(root, 'components.yaml'), 'utf8');
    const webhooks = /^- id: webhooks\n(?: {2}.*\n)*/m.exec(components)![0];
    writeFileSync(join(root, 'components.yaml'), `${components.replace(webhooks, '')}${webhooks}`);
    const result = await runCli(['status', '--content', root], { STATUSMARK_NOW: '2026-11-23T02:00:00Z' });
    expect(result.code, result.all).toBe(3);
    expect(result.out).toContain(
      [
        'Components not operational:',
        '  ▲ Partial outage: Payments API',
        '  ◐ Degraded performance: Webhooks',
        '  ⚙ Under maintenance: Reporting and exports',
        '',
      ].join('\n'),
    );
    expect(result.out).toContain(
      [
        'Maintenance:',
        '  In progress: Reporting storage migration, until Nov 23, 2026, 02:30 UTC',
        '  Scheduled: Banking partner maintenance (SEPA payouts), Nov 28, 2026, 02:00 UTC – 04:00 UTC',
      ].join('\n'),
    );
  });

  test('a content mistake is the check report and exit status 1', async () => {
    const result = await runCli(['status', '--content', 'test/fixtures/invalid-tree-that-does-not-exist']);
    expect(result.code).toBe(1);
    expect(result.all).toContain('site.yaml  (file)  is missing');
  });
});
