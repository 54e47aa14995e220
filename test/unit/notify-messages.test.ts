import { describe, expect, test } from 'vitest';
import { subscriberEvents } from '../../src/events/subscriber-events.ts';
import { historyFeed } from '../../src/formats/feeds.ts';
import { englishLocale, loadCatalogues, localeOf } from '../../src/loader/catalogues.ts';
import {
  discordMessage,
  emailMessage,
  notificationOf,
  slackMessage,
  testNotification,
  webhookPayload,
} from '../../src/notify/messages.ts';
import { feedResponse } from '../../src/site/feed-response.ts';
import { baseTree, validate } from '../helpers/tree.ts';

/** The base fixture with site.yaml lines added and one maintenance window under way at the clock. */
function siteWith(siteLines: string) {
  const tree = baseTree();
  tree.site = { file: 'test/fixtures/base/site.yaml', text: `${tree.site!.text}${siteLines}\n` };
  tree.maintenance.push({
    file: 'test/fixtures/base/maintenance/2026-11-23-db-upgrade.md',
    text: [
      '---',
      'title: Datenbank-Upgrade',
      'components: [api]',
      'announced: 2026-11-20T09:00:00Z',
      'scheduled_start: 2026-11-23T08:00:00Z',
      'scheduled_end: 2026-11-23T14:00:00Z',
      '---',
      '',
    ].join('\n'),
  });
  const result = validate(tree);
  if (!result.content) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.content;
}

const SITE_URL = 'https://status.fixture.example/';
const STARTED = 'maintenance/2026-11-23-db-upgrade/started';

describe('notifications in the site’s language', () => {
  test('a German site sends a German Slack message for a maintenance start, with the id its RSS item carries', async () => {
    const content = siteWith('locale: de');
    const started = subscriberEvents(content).find((e) => e.type === 'maintenance_started')!;
    expect(started.id).toBe(STARTED);

    const notification = notificationOf(started, content, content.locale, SITE_URL);
    const slack = slackMessage(notification);
    expect(slack.text).toBe(
      '[Läuft] Datenbank-Upgrade: Die geplante Wartung hat begonnen (23. Nov. 2026, 08:00 UTC bis 23. Nov. 2026, 14:00 UTC). https://status.fixture.example/maintenance/2026-11-23-db-upgrade/#started',
    );
    expect(slack.blocks[0]!.text).toEqual({
      type: 'plain_text',
      text: '[Läuft] Datenbank-Upgrade',
      emoji: false,
    });
    expect(slack.blocks[2]!.fields!.map((f) => f.text)).toEqual([
      '*Status*\nLäuft',
      '*Auswirkung*\nIn Wartung',
      '*Komponenten*\nAPI',
    ]);
    expect(slack.blocks[3]!.elements![0]!.text).toBe(
      '<https://status.fixture.example/maintenance/2026-11-23-db-upgrade/#started|Auf der Statusseite ansehen>',
    );

    // The site's feed has an item for the same event, whose guid is the id the webhook sends.
    const items = historyFeed(content);
    const item = items.find((i) => i.key === STARTED)!;
    expect(item.title).toBe('[Wartung: Läuft] Datenbank-Upgrade');
    const rss = await (
      await feedResponse(content, { title: 'Feed', description: 'Feed', items, site: new URL(SITE_URL) })
    ).text();
    expect(rss).toContain(`<guid isPermaLink="false">${STARTED}</guid>`);
    expect(webhookPayload(notification, content, SITE_URL).meta.event_id).toBe(STARTED);
  });

  test('an email in German: subject, facts and link text', () => {
    const content = siteWith('locale: de');
    const started = subscriberEvents(content).find((e) => e.id === STARTED)!;
    const mail = emailMessage(notificationOf(started, content, content.locale, SITE_URL), 'Fixture Co');
    expect(mail.subject).toBe('Fixture Co: Datenbank-Upgrade (Läuft)');
    expect(mail.text).toContain('Auswirkung: In Wartung\nKomponenten: API');
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.html).toContain('>Auf der Statusseite ansehen</a>');
    expect(mail.html).toContain('Fixture Co Status');
  });

  test('a channel may speak another shipped language than the site', () => {
    const content = siteWith('locale: en');
    const french = localeOf(loadCatalogues([], ['fr'], []), 'fr', content.site.time_zone)!;
    const started = subscriberEvents(content).find((e) => e.id === STARTED)!;
    const slack = slackMessage(notificationOf(started, content, french, SITE_URL));
    expect(slack.blocks[0]!.text!.text).toBe('[En cours] Datenbank-Upgrade');
    expect(slack.blocks[2]!.fields!.map((f) => f.text)).toEqual([
      '*Statut*\nEn cours',
      '*Impact*\nEn maintenance',
      '*Composants*\nAPI',
    ]);
  });

  test('a test message on a site with nothing to announce is in the site’s language too', () => {
    const content = siteWith('locale: de');
    const english = testNotification(content, englishLocale('UTC'), SITE_URL);
    const german = testNotification(content, content.locale, SITE_URL);
    expect(slackMessage(english, true).blocks[0]!.text!.text).toBe(
      '[TEST] [Test] Test message from the status page',
    );
    expect(slackMessage(german, true).blocks[0]!.text!.text).toBe(
      '[TEST] [Test] Testnachricht der Statusseite',
    );
  });
});

describe('Discord messages show every address they lead to', () => {
  const PROBE = '[https://status.example.com/login](https://evil.example/phish)';
  /** A masked link Discord would render: `[text](url)` with neither bracket escaped. */
  const maskedLink = (text: string) => /\[[^\]]*\]\(/.test(text.replace(/\\./g, ''));

  test('a masked link in a title, a text and a component name arrives as text, its addresses still bare', () => {
    const content = siteWith('');
    const sample = testNotification(content, englishLocale('UTC'), SITE_URL);
    // The text as an author who escaped the link in Markdown, or an importer, leaves it in plain text.
    const probe = {
      ...sample,
      words: { ...sample.words, title: PROBE, markdown: `See ${PROBE} now.`, components: [PROBE] },
      text: `See ${PROBE} now.`,
    };
    const embed = discordMessage(probe).embeds[0]!;
    const texts = [embed.title, embed.description, ...embed.fields.map((f) => f.value)];

    expect(texts.filter(maskedLink)).toEqual([]);
    expect(embed.description).toBe(
      'See \\[https://status.example.com/login\\]\\(https://evil.example/phish\\) now.',
    );
    expect(embed.title).toContain('\\[https://status.example.com/login\\]\\(https://evil.example/phish\\)');
    expect(embed.fields.find((f) => f.name === 'Components')?.value).toBe(
      '\\[https://status.example.com/login\\]\\(https://evil.example/phish\\)',
    );
    expect(discordMessage(probe).allowed_mentions).toEqual({ parse: [] });
  });

  test('an address with balanced parentheses stays whole; one in parentheses does not take the closing one', () => {
    const content = siteWith('');
    const sample = testNotification(content, englishLocale('UTC'), SITE_URL);
    const text = 'See https://en.wikipedia.org/wiki/Foo_(bar) (or https://example.com/a).';
    const embed = discordMessage({ ...sample, text }).embeds[0]!;
    expect(embed.description).toBe(
      'See https://en.wikipedia.org/wiki/Foo_(bar) \\(or https://example.com/a\\).',
    );
  });
});

describe('Discord messages state a time no more exactly than the content', () => {
  test('an update dated to the day has no timestamp, which Discord would show as a time of day', () => {
    const tree = baseTree();
    tree.incidents.push({
      file: 'test/fixtures/base/incidents/2026-11-21-login.md',
      text: [
        '---',
        'title: Login failures',
        'severity: P3',
        'started: 2026-11-21T09:00:00Z',
        'components:',
        '  - id: api',
        '    impact: degraded_performance',
        'updates:',
        '  - at: 2026-11-21T09:05:00Z',
        '    status: investigating',
        '    message: Some logins fail.',
        '  - at: 2026-11-22',
        '    status: monitoring',
        '    message: A fix is out.',
        '',
        '---',
        '',
      ].join('\n'),
    });
    const result = validate(tree);
    if (!result.content) throw new Error(JSON.stringify(result.problems, null, 2));
    const content = result.content;
    const [timed, dated] = subscriberEvents(content).filter(
      (e) => e.type === 'incident_update' && e.incident.title === 'Login failures',
    );
    const embedOf = (event: typeof timed) =>
      discordMessage(notificationOf(event!, content, content.locale, SITE_URL)).embeds[0]!;
    expect(embedOf(timed).timestamp).toBe('2026-11-21T09:05:00.000Z');
    expect(embedOf(dated)).not.toHaveProperty('timestamp');
  });
});
