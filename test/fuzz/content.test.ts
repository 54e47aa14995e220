import fc from 'fast-check';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, test } from 'vitest';
import { badgeSvg } from '../../src/formats/badges.ts';
import { buildBadges } from '../../src/formats/badge-set.ts';
import { historyFeed } from '../../src/formats/feeds.ts';
import { escapeHtml } from '../../src/text/html.ts';
import { buildCalendar } from '../../src/formats/icalendar.ts';
import { buildApiDocuments } from '../../src/formats/statuspage-documents.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { feedResponse } from '../../src/site/feed-response.ts';
import { baseTree, FIXTURE_NOW } from '../helpers/tree.ts';
import { fuzzedTree } from './fuzzed-tree.ts';
import { FUZZ, FUZZ_TIMEOUT } from './settings.ts';
import { hostileText, XML_CHARS } from './strings.ts';

const NOW = Date.parse(FIXTURE_NOW);

function wellFormedXml(xml: string, what: string) {
  expect(XML_CHARS.test(xml), `${what} has a character XML forbids`).toBe(true);
  expect(() => SyntaxValidator.validate(xml), what).not.toThrow();
}

/** An incident and a maintenance window whose titles and messages are the fuzzed text. */
const treeWith = (title: string, message: string, windowTitle: string) =>
  fuzzedTree({
    title,
    message,
    resolvedMessage: `${message} Resolved.`,
    body: message,
    windowTitle,
    windowBody: '',
  });

describe('content fuzz: any text in any field', () => {
  test(
    'is refused with a message, or every feed, badge, calendar and JSON document stays well-formed',
    async () => {
      let valid = 0;
      await fc.assert(
        fc.asyncProperty(hostileText, hostileText, hostileText, async (title, message, windowTitle) => {
          const result = validateContent(treeWith(title, message, windowTitle), {
            statusmarkNow: FIXTURE_NOW,
            realNow: NOW,
          });
          const errors = result.problems.filter((p) => p.severity === 'error');
          if (errors.length > 0) {
            for (const problem of errors) expect(problem.message.length).toBeGreaterThan(10);
            expect(result.content).toBeUndefined();
            return;
          }
          valid++;
          const content = result.content!;
          const site = new URL(content.site.url);
          const response = await feedResponse(content, {
            title: 'History',
            description: 'All updates',
            items: historyFeed(content),
            site,
          });
          const rss = await response.text();
          wellFormedXml(rss, 'the history feed');
          for (const [name, badge] of buildBadges(content)) wellFormedXml(badgeSvg(badge), `badge ${name}`);
          const calendar = buildCalendar(content, (path) => new URL(path, site).href);
          for (const line of calendar.split('\r\n')) {
            // eslint-disable-next-line no-control-regex -- looking for control characters
            expect(line).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F]/);
            expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
          }
          for (const document of Object.values(buildApiDocuments(content, content.site.url)))
            expect(JSON.parse(JSON.stringify(document))).toEqual(document);
          wellFormedXml(`<p title="${escapeHtml(title)}">${escapeHtml(message)}</p>`, 'escaped text');
        }),
        FUZZ,
      );
      // The generator is not so hostile that nothing valid is ever tried.
      expect(valid).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT,
  );

  test(
    'a whole file of any text never crashes the check: it is content or a list of problems',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            hostileText,
            hostileText.map((t) => `---\n${t}\n---\n${t}`),
            fc.string({ maxLength: 400 }),
          ),
          (text) => {
            const tree = baseTree();
            tree.incidents.push({ file: 'fuzz/incidents/2026-11-20-raw.md', text });
            const result = validateContent(tree, { statusmarkNow: FIXTURE_NOW, realNow: NOW });
            for (const problem of result.problems) expect(problem.message).toMatch(/\S/);
            if (!result.content) expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
          },
        ),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});
