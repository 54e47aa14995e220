import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseOptions } from '../../src/integration/options.ts';
import { ROUTES, routePattern } from '../../src/integration/routes.ts';
import { resolveSettings } from '../../src/loader/settings.ts';

describe('parseOptions', () => {
  test('accepts no options and every documented one', () => {
    expect(parseOptions(undefined)).toEqual({});
    expect(parseOptions({ content: 'status', base: '/status/', now: '2026-11-20T14:30:00Z' })).toEqual({
      content: 'status',
      base: '/status/',
      now: '2026-11-20T14:30:00Z',
    });
  });

  test('a mistake names the option, what was expected and the options there are', () => {
    const error = (() => {
      try {
        parseOptions({ contents: 'x', base: 'status', now: '2026-11-20 14:30' });
      } catch (caught) {
        return caught as Error & { hint?: string };
      }
      return undefined;
    })();
    expect(error?.name).toBe('AstroUserError');
    expect(error?.message).toMatchInlineSnapshot(
      `"Invalid statusmark() options: "base" must start and end with "/", such as "/status/"; "now" must be an ISO time with a zone, such as "2026-11-20T14:30:00Z"; unknown option "contents"."`,
    );
    expect(error?.hint).toContain('statusmark({ content: "content", base: "/status/" })');
  });
});

describe('resolveSettings', () => {
  test('defaults to the content folder of the project and the real clock', () => {
    expect(resolveSettings({}, {}, '/site')).toEqual({
      contentDir: '/site/content',
      base: '/',
      clock: { statusmarkNow: undefined, sourceDateEpoch: undefined },
    });
  });

  test('options set the folder, base and clock; the environment overrides them for one run', () => {
    const options = { content: 'status', base: '/status/', now: '2026-11-20T14:30:00Z' };
    expect(resolveSettings(options, {}, '/site')).toMatchObject({
      contentDir: '/site/status',
      base: '/status/',
      clock: { statusmarkNow: '2026-11-20T14:30:00Z' },
    });
    const env = {
      STATUSMARK_CONTENT: '/tmp/fixture',
      STATUSMARK_BASE: '/repo/',
      STATUSMARK_NOW: '2026-01-01T00:00:00Z',
      SOURCE_DATE_EPOCH: '1700000000',
    };
    expect(resolveSettings(options, env, '/site')).toEqual({
      contentDir: '/tmp/fixture',
      base: '/repo/',
      clock: { statusmarkNow: '2026-01-01T00:00:00Z', sourceDateEpoch: '1700000000' },
    });
  });

  test('an empty variable counts as unset', () => {
    expect(resolveSettings({ now: '2026-11-20T14:30:00Z' }, { STATUSMARK_NOW: '' }, '').clock).toEqual({
      statusmarkNow: '2026-11-20T14:30:00Z',
      sourceDateEpoch: undefined,
    });
  });
});

describe('routes', () => {
  test.each([
    // Pages and feeds are built once per language: /de/history/ beside /history/.
    ['index.astro', '/[...locale]'],
    ['maintenance/index.astro', '/[...locale]/maintenance'],
    ['components/[id]/feed.xml.ts', '/[...locale]/components/[id]/feed.xml'],
    ['history/[...slug].astro', '/[...locale]/history/[...slug]'],
    // The API, badges, calendar and report data are one for every language; so is 404.
    ['reports/[month].json.ts', '/reports/[month].json'],
    ['404.astro', '/404'],
    ['api/v2/[...doc].ts', '/api/v2/[...doc]'],
  ])('%s is served at %s', (file, pattern) => {
    expect(routePattern(file)).toBe(pattern);
  });

  test('every injected route exists in src/routes', () => {
    const missing = ROUTES.filter((file) => !existsSync(join('src/routes', file)));
    expect(missing).toEqual([]);
  });
});
