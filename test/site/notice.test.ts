import { describe, expect, inject, test } from 'vitest';
import { activeNotice } from '../../src/domain/content.ts';
import { listFiles, readPage, text } from '../helpers/build.ts';
import { baseTree } from '../helpers/tree.ts';
import { validateContent } from '../../src/loader/validate.ts';

// test/fixtures/site has a warning notice from 2026-11-20 until 2026-12-01, and its clock (Nov 23)
// is inside that window: the shared build shows it. builds.test.ts builds the fixture again at the
// notice's `until`, and checks that no page shows it there.

describe('the site notice', () => {
  test('shows on every page inside its window, with a word that says what it is', () => {
    const dist = inject('siteDist');
    // The embed is a few lines framed inside another product: the status and its incidents, no notice.
    const pages = listFiles(dist).filter(
      (f) => f.endsWith('.html') && f !== '404.html' && !/(^|\/)embed\//.test(f),
    );
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) {
      const notice = readPage(dist, `/${page}`).querySelector('aside.notice');
      expect(text(notice), page).toBe(
        'Important: Card payments in the EU move to a new acquirer on December 1; see what changes.',
      );
      expect(notice?.querySelector('a')?.getAttribute('href')).toBe('https://kestrel.example/eu-acquirer');
    }
  });

  // The window is `from` ≤ now < `until`; each page shows the notice that activeNotice returns.
  const siteWithNotice = () => {
    const tree = baseTree();
    tree.site = {
      ...tree.site!,
      text: `${tree.site!.text}\nnotice:\n  level: info\n  text: Holiday hours.\n  from: 2026-11-23T10:00:00Z\n  until: 2026-11-23T18:00:00Z\n`,
    };
    return tree;
  };
  test.each([
    ['2026-11-23T09:59:59Z', false],
    ['2026-11-23T10:00:00Z', true],
    ['2026-11-23T17:59:59Z', true],
    ['2026-11-23T18:00:00Z', false],
  ])('at %s it is shown: %s', (now, shown) => {
    const result = validateContent(siteWithNotice(), { statusmarkNow: now, realNow: Date.parse(now) });
    expect(result.content, JSON.stringify(result.problems)).toBeDefined();
    expect(activeNotice(result.content!)?.text).toBe(shown ? 'Holiday hours.' : undefined);
  });
});
