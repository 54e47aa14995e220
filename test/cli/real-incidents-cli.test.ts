import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { frontMatterOf } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/** Runs the command line in-process on a copy of the base fixture, at a fixed clock. */
async function statusmark(content: string, argv: string[], now: string) {
  const said: string[] = [];
  const io = { stdout: (t: string) => said.push(t), stderr: (t: string) => said.push(t) };
  const code = await run([...argv, '--content', content], { ...process.env, STATUSMARK_NOW: now }, io);
  return { code, said: said.join('') };
}

describe('posting real incidents from the command line', () => {
  test('a notice names no component; a post without a status change keeps the status and says where it went', async () => {
    const content = join(tempDir('real-cli'), 'content');
    cpSync('test/fixtures/base', content, { recursive: true });
    const opened = await statusmark(
      content,
      [
        'new',
        'incident',
        'Support replies delayed',
        '--severity',
        'P4',
        '--notice',
        '--message',
        'Replies are slow.',
      ],
      '2026-11-23T09:00:00Z',
    );
    expect(opened.code, opened.said).toBe(0);
    const file = readdirSync(join(content, 'incidents')).find((f) => f.includes('support-replies-delayed'))!;
    const path = join(content, 'incidents', file);
    expect(frontMatterOf(path).components).toBeUndefined();

    const posted = await statusmark(
      content,
      [
        'update',
        file.replace(/\.md$/, ''),
        '--status',
        'update',
        '--message',
        'Still slow.',
        '--channel',
        'Twitter (@acme)',
      ],
      '2026-11-23T09:30:00Z',
    );
    expect(posted.code, posted.said).toBe(0);
    expect(posted.said).toContain('Posted an update (no status change)');
    expect((frontMatterOf(path).updates as unknown[]).at(-1)).toEqual({
      at: '2026-11-23T09:30:00Z',
      message: 'Still slow.',
      channel: 'Twitter (@acme)',
    });
    expect((await statusmark(content, ['check'], '2026-11-23T10:00:00Z')).code).toBe(0);
  });

  test('--notice with --component is a usage mistake that names both', async () => {
    const content = join(tempDir('real-cli'), 'content');
    cpSync('test/fixtures/base', content, { recursive: true });
    const result = await statusmark(
      content,
      ['new', 'incident', 'X', '--severity', 'P4', '--notice', '--component', 'api:partial_outage'],
      '2026-11-23T09:00:00Z',
    );
    expect(result.code).toBe(2);
    expect(result.said).toContain('--notice means no component is affected');
  });
});

describe('posting from an issue comment', () => {
  test('"/status update …" posts an update that keeps the status; an unknown word names the choices', async () => {
    const { parseChat } = await import('../../src/cli/commands/chatops.ts');
    expect(parseChat('/status update Still looking into it. next 30m')).toEqual({
      kind: 'status',
      status: 'update',
      message: 'Still looking into it.',
      next: '30m',
    });
    expect(() => parseChat('/status fixed Done')).toThrow(
      '"fixed" is not a status; use investigating, identified, monitoring, update (or /resolve)',
    );
  });
});
