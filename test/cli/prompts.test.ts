import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/temp.ts';

/**
 * Runs the CLI in a pseudo-terminal (util-linux's `script`), answering each prompt when it appears,
 * the way a person at a terminal would.
 */
function runInTerminal(
  command: string,
  answers: [prompt: string, answer: string][],
  env: Record<string, string>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...env } });
    let output = '';
    const pending = [...answers];
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const next = pending[0];
      if (next && output.includes(next[0])) {
        pending.shift();
        child.stdin.write(`${next[1]}\n`);
      }
    });
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output.replace(/\r/g, ''));
    });
  });
}

describe('interactive prompts', () => {
  test('new incident asks for what is missing in a terminal, then writes a valid file', async () => {
    const root = tempDir('tty');
    cpSync('test/fixtures/site', root, { recursive: true });
    const output = await runInTerminal(
      `node_modules/.bin/tsx src/cli/main.ts new incident --content ${root}`,
      [
        ['Incident title', 'Search is slow'],
        ['Severity', 'P3'],
        ['Affected component and impact', 'dashboard:degraded_performance'],
      ],
      { STATUSMARK_NOW: '2026-11-23T02:00:00Z' },
    );
    expect(output).toContain(`Wrote ${root}/incidents/2026-11-23-search-is-slow.md`);
    const file = join(root, 'incidents', '2026-11-23-search-is-slow.md');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('severity: P3');
  }, 40_000);
});
