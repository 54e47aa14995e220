import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSiteAsync, readPage, text } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

// test/fixtures/real: six public outages written from the companies' own postmortems and status posts
// (sources in its README.md; what a reader must see and two hand calculations in its expected.md).

let dist = '';
beforeAll(async () => {
  dist = tempDir('real-incidents');
  const build = await buildSiteAsync('test/fixtures/real', {
    STATUSMARK_OUT_DIR: dist,
    STATUSMARK_NOW: '2026-12-01T00:00:00Z',
  });
  expect(build.status, build.output).toBe(0);
}, 300_000);

const page = (path: string) => text(readPage(dist, path).querySelector('main'));
const json = (path: string) => JSON.parse(readFileSync(join(dist, path), 'utf8')) as Record<string, unknown>;
const reportComponent = (month: string, id: string) =>
  (
    json(`reports/${month}.json`).components as {
      id: string;
      availability: string | null;
      no_data: boolean;
    }[]
  ).find((c) => c.id === id)!;

describe('GitLab, 31 January 2017: approximate times, posts without a status, partial data loss', () => {
  const path = '/incidents/2017-01-31-gitlab-database-outage/';

  test('times known only roughly are said so, and no duration between them is made exact', () => {
    const said = page(path);
    expect(said).toContain('Impact started around Jan 31, 2017, 19:00 UTC');
    expect(said).toContain('Detected around Jan 31, 2017, 18:00 UTC about 1 hour before impact began');
    expect(said).toContain('Impact lasted about 23 hours and 15 minutes.');
    expect(said).not.toMatch(/less than a minute/);
  });

  test('posts on Twitter without a status are labelled "Update" and say where they went', () => {
    expect(page(path)).toContain('Update · Jan 31, 2017, 23:28 UTC · posted on Twitter (@gitlabstatus)');
  });

  test('the data loss is shown as written, on the incident page and the postmortem, never as "none"', () => {
    for (const where of [path, '/postmortems/2017-01-31-gitlab-database-outage/']) {
      const said = page(where);
      expect(said).toContain(
        'Database data on GitLab.com (projects, issues, merge requests, comments, snippets, user accounts)',
      );
      expect(said).toContain('best estimate roughly 5,000 projects, 5,000 comments and 700 users');
      expect(said).toContain('Git repositories and wikis; self-hosted GitLab and GitHost instances');
      expect(said).not.toContain('No customer data was lost');
    }
  });

  test("February's report lists the outage that began on January 31, and never says there were none", () => {
    const said = page('/reports/2017-02/');
    expect(said).toContain('around January 31 19:00 UTC (lasting about 23 hours and 15 minutes)');
    expect(said).toContain(
      'Continued from January 31: 18 hours and 14 minutes of its impact fell in February 2017.',
    );
    expect(said).not.toMatch(/no incidents/i);
  });
});

describe('uptime from what the companies said, checked by hand (expected.md)', () => {
  test("Fastly's 85 % of requests counts 0.85 of each of the 49 minutes: June 2021 is 99.903 %", () => {
    expect(page('/incidents/2021-06-08-fastly-global-cdn-disruption/')).toMatch(/Partial outage \(85% of /);
    expect(reportComponent('2021-06', 'fastly-cdn')).toMatchObject({ availability: '99.903%' });
  });

  test('GitHub webhooks, whose history starts on October 15, 2018: no data before, 94.183 % in October', () => {
    expect(reportComponent('2018-09', 'github-webhooks')).toMatchObject({
      availability: null,
      no_data: true,
    });
    expect(reportComponent('2018-10', 'github-webhooks')).toMatchObject({ availability: '94.183%' });
  });

  test('S3 in February 2017: 169 minutes of major and 88 of partial outage make 99.515 %', () => {
    expect(reportComponent('2017-02', 's3-us-east-1')).toMatchObject({ availability: '99.515%' });
  });
});

describe('recovery after mitigation, ends not stated, notices, action items as published', () => {
  test("GitHub's webhooks recovered hours after mitigation, and the page says when", () => {
    const said = page('/incidents/2018-10-21-github-network-partition/');
    expect(said).toContain('Webhooks ✕ Major outage Oct 21, 2018, 23:19 UTC Oct 22, 2018, 23:03 UTC');
    expect(said).toContain('Impact mitigated Oct 22, 2018, 16:24 UTC');
  });

  test("AWS's EC2 recovery time was never published: the page says the end is not stated", () => {
    expect(page('/incidents/2017-02-28-aws-s3-us-east-1-disruption/')).toMatch(/EC2.*end not stated/);
  });

  test("Slack's notice names no component: in the API with none, and the page says it counts in no uptime", () => {
    const incidents = json('api/v2/incidents.json').incidents as { name: string; components: unknown[] }[];
    const notice = incidents.find((i) => i.name.startsWith('Trouble with Google Calendar'))!;
    expect(notice.components).toEqual([]);
    expect(page('/incidents/2021-01-04-slack-calendar-and-email-features/')).toContain(
      'This is a notice; it concerns no single component and does not count against uptime.',
    );
  });

  test("Cloudflare's open items, known open only before their due dates, are never called overdue", () => {
    const said = page('/postmortems/2019-07-02-cloudflare-waf-global-outage/');
    expect(said).toContain('Statuses as published on Jul 12, 2019');
    expect(said).not.toMatch(/overdue/i);
  });

  test('a status post whose words were not kept says so instead of inventing them', () => {
    expect(page('/incidents/2019-07-02-cloudflare-waf-global-outage/')).toContain(
      'The text of this update is not available.',
    );
  });

  test('the history lists approximate starts and durations as such, and a notice as a notice', () => {
    const said = page('/history/');
    expect(said).toContain(
      'GitLab.com database outage and data loss Resolved · peak impact ✕ Major outage · P1 · around Jan 31, 2017, 19:00 UTC · lasted about 23h 15m',
    );
    expect(said).toContain('Resolved · Notice · P3 · around Jan 4, 2021, 18:00 UTC');
  });

  test("January 2017's response times say which values are approximate and which were left out", () => {
    const metrics = json('reports/2017-01.json').metrics as Record<
      string,
      { count: number; approximate: number; left_out: number }
    >;
    // GitLab's detection came about an hour before impact: not a time to detect. Its start is approximate.
    expect(metrics.detect).toMatchObject({ count: 0, left_out: 1 });
    expect(metrics.mitigate).toMatchObject({ count: 1, approximate: 1, left_out: 0 });
    expect(page('/reports/2017-01/')).toMatch(/Time to mitigate .*1 \(approximate: 1\)/);
  });
});
