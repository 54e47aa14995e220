import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite, readPage, text } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

/** The small fixture with a site notice from 10:00 to 18:00 on the fixture day. */
function treeWithNotice(): string {
  const tree = tempDir('notice');
  cpSync('test/fixtures/base', tree, { recursive: true });
  appendFileSync(
    join(tree, 'site.yaml'),
    [
      'notice:',
      '  level: warning',
      '  text: "Support runs holiday hours until Monday; see [the schedule](https://fixture.example/holidays)."',
      '  from: 2026-11-23T10:00:00Z',
      '  until: 2026-11-23T18:00:00Z',
      '',
    ].join('\n'),
  );
  return tree;
}

describe('the site notice', () => {
  test('shows on every page inside its window, with a word that says what it is', () => {
    const build = buildSite(treeWithNotice(), { STATUSMARK_NOW: '2026-11-23T12:00:00Z' });
    expect(build.status, build.output).toBe(0);
    for (const page of ['/', '/history/', '/incidents/2026-11-20-api-errors/', '/reports/']) {
      const notice = readPage(build.outDir, page).querySelector('aside.notice');
      expect(text(notice), page).toBe(
        'Important: Support runs holiday hours until Monday; see the schedule.',
      );
      expect(notice?.querySelector('a')?.getAttribute('href')).toBe('https://fixture.example/holidays');
    }
  });

  test.each(['2026-11-23T09:59:59Z', '2026-11-23T18:00:00Z'])(
    'is not shown at %s, outside its window',
    (now) => {
      const build = buildSite(treeWithNotice(), { STATUSMARK_NOW: now });
      expect(build.status, build.output).toBe(0);
      expect(readPage(build.outDir, '/').querySelector('aside.notice')).toBeNull();
    },
  );
});
