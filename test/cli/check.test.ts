import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, FIXTURE_NOW } from '../helpers/tree.ts';
import { tempDir } from '../helpers/temp.ts';

const TSX = join('node_modules', '.bin', 'tsx');

function check(args: string[], env: Record<string, string> = {}) {
  return spawnSync(TSX, ['src/cli/main.ts', 'check', ...args], {
    encoding: 'utf8',
    env: { ...process.env, STATUSMARK_NOW: FIXTURE_NOW, ...env },
  });
}

/** A copy of the base fixture with every invalid incident added. */
function brokenTree(): string {
  const dir = tempDir('check');
  cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
  cpSync(join(FIXTURES, 'invalid', 'incidents'), join(dir, 'incidents'), { recursive: true });
  return dir;
}

describe('npm run check', () => {
  test('passes on the demo content with its demo clock', () => {
    const result = check([], { STATUSMARK_NOW: '' });
    expect(result.stdout).toContain('✓ Content is valid: 42 incidents');
    expect(result.status).toBe(0);
  });

  test('lists every problem of every file, then fails', () => {
    const dir = brokenTree();
    const result = check(['--content', dir]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^✗ \d+ error\(s\), 0 warning\(s\)\. Nothing was built/);
    expect(lines).toContainEqual(
      `${dir}/incidents/updates-out-of-order.md:12  updates[1].at  must be later than updates[0].at (2026-11-21T14:40:00Z); list updates oldest first`,
    );
    expect(result.stdout).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  });

  test('--format github prints workflow annotations on the right lines', () => {
    const result = check(['--content', brokenTree(), '--format', 'github']);
    expect(result.stdout).toMatch(
      /^::error file=.*\/incidents\/status-typo\.md,line=10,title=updates\[0\]\.status::/m,
    );
  });

  test('--format json is machine-readable', () => {
    const result = check(['--content', brokenTree(), '--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      errors: number;
      problems: { file: string; path: string }[];
    };
    expect(report.errors).toBe(report.problems.length);
    expect(
      report.problems.some((p) => p.file.endsWith('impact-typo.md') && p.path === 'components[0].impact'),
    ).toBe(true);
  });

  test('an invalid STATUSMARK_NOW is a clear error', () => {
    const result = check([], { STATUSMARK_NOW: 'tomorrow' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('STATUSMARK_NOW="tomorrow" is not an ISO time with a zone');
  });

  test('--help explains the command', () => {
    expect(execFileSync(TSX, ['src/cli/main.ts', '--help'], { encoding: 'utf8' })).toContain(
      'statusmark check',
    );
  });
});
