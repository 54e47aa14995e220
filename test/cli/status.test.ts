import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';

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

  test('a content mistake is the check report and exit status 1', async () => {
    const result = await runCli(['status', '--content', 'test/fixtures/invalid-tree-that-does-not-exist']);
    expect(result.code).toBe(1);
    expect(result.all).toContain('site.yaml  (file)  is missing');
  });
});
