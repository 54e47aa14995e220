import { describe, expect, test } from 'vitest';
import { pageFrame } from '../../src/site/page-frame.ts';
import { incident, siteContent } from '../helpers/entries.ts';

// Every page's layout asks for the frame; a site of 10,000 incidents has 13,000 pages.
describe('the page frame: what every page of a language says the same way', () => {
  const content = siteContent();

  test('is worked out once per content and site address, not once per page', () => {
    const first = pageFrame(content, 'https://status.test.example/');
    expect(pageFrame(content, 'https://status.test.example/')).toBe(first);
    expect(pageFrame(content, 'https://elsewhere.example/')).not.toBe(first);
  });

  test('says what the layout and the preview tags said page by page', () => {
    const frame = pageFrame(content, 'https://status.test.example/');
    expect(frame.siteTitle).toBe('Test Co status');
    expect(frame.feeds.map((feed) => feed.href)).toEqual([
      '/feed.xml',
      '/postmortems/feed.xml',
      '/reports/feed.xml',
    ]);
    expect(frame.preview.ogLocale).toBe('en_US');
    expect(frame.preview.image).toBe('https://status.test.example/preview/operational.png');
    expect(frame.preview.icon).toMatch(/^data:image\/svg\+xml,%3Csvg/);
    expect(frame.footer.html).toContain('<time datetime="2026-11-23T12:00:00Z">');
    expect(frame.notice).toBeUndefined();
  });

  test('new content (a save under astro dev) gets a new frame: the status it says is the new one', () => {
    const outage = siteContent({
      incidents: [
        incident('2026-11-23-down', {
          started: '2026-11-23T11:00:00Z',
          components: [{ id: 'api', impact: 'major_outage' }],
        }),
      ],
    });
    expect(pageFrame(outage, 'https://status.test.example/').preview.worst).toBe('major_outage');
    expect(pageFrame(content, 'https://status.test.example/').preview.worst).toBe('operational');
  });
});
