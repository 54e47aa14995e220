import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runCli as runCliAsync } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { buildSite } from '../helpers/build.ts';
import { git as gitIn } from '../helpers/git.ts';

/**
 * `statusmark notify` against real receivers on 127.0.0.1: an HTTP server standing in for Slack,
 * Discord, Teams and a webhook (answering as told per path), and an SMTP server whose mail is parsed.
 */

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

let http: Server;
let smtp: SMTPServer;
let base: string;
let smtpPort: number;
let received: Received[] = [];
let mails: ParsedMail[] = [];
/**
 * Per path, the answers to give in turn (the last one repeats): a status; "hang", never answering;
 * "endless", a 200 whose body never ends.
 */
let script: Record<
  string,
  (number | 'hang' | 'endless' | { status: number; headers?: Record<string, string>; body?: string })[]
> = {};
/** Called as each request arrives, before it is answered. */
let onRequest: ((path: string) => void) | undefined;

/** A 200 whose body goes on until the client stops reading (or a gigabyte, should it never stop). */
function answerEndlessly(response: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let written = 0;
  response.on('close', () => (written = Infinity));
  response.writeHead(200, { 'content-type': 'text/plain' });
  const pump = () => {
    while (written < 1e9 && response.write(chunk)) written += chunk.length;
    if (written < 1e9) response.once('drain', pump);
    else response.end();
  };
  pump();
}

beforeAll(async () => {
  http = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body, at: Date.now() });
      onRequest?.(path);
      const answers = script[path] ?? [200];
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === 'hang') return; // never answers: the client's timeout must fire
      if (answer === 'endless') return answerEndlessly(response);
      const reply =
        typeof answer === 'number'
          ? {
              status: answer,
              headers: {},
              body: answer === 200 ? 'ok' : answer === 404 ? 'no such hook' : '',
            }
          : { headers: {}, body: '', ...answer };
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await new Promise((resolve) => smtp.close(() => resolve(undefined)));
});

let dir: string;
const SECRET = 'whsec_test_secret';

const CHANNELS = `notifications:
  - name: ops-slack
    type: slack
    url_env: SLACK_URL
  - name: discord
    type: discord
    url_env: DISCORD_URL
  - name: teams
    type: teams
    url_env: TEAMS_URL
  - name: partners
    type: webhook
    url_env: WEBHOOK_URL
    secret_env: WEBHOOK_SECRET
  - name: customers
    type: email
    smtp_env: SMTP_URL
    from: status@acme.example
    to: [subscribers@acme.example]
`;

function writeSite(channels = CHANNELS): void {
  mkdirSync(join(dir, 'content', 'incidents'), { recursive: true });
  mkdirSync(join(dir, 'content', 'maintenance'), { recursive: true });
  writeFileSync(
    join(dir, 'content', 'site.yaml'),
    `name: Acme\nurl: https://status.acme.example\ndescription: Acme status.\n${channels}`,
  );
  writeFileSync(
    join(dir, 'content', 'components.yaml'),
    '- id: api\n  name: Public API\n- id: web\n  name: Web app\n',
  );
}

function writeIncident(id: string, text: string): void {
  writeFileSync(join(dir, 'content', 'incidents', `${id}.md`), text);
}

const OPENED = `---
title: Elevated API errors
severity: P2
started: 2026-11-24T01:00:00Z
components:
  - id: api
    impact: partial_outage
updates:
  - at: 2026-11-24T01:00:00Z
    status: investigating
    message: Some API requests fail. We are investigating.
    next_update: 2026-11-24T01:30:00Z
`;

/** The record a build leaves of its clock and address (dist/api/v2/status.json), as of `now`. */
function builtAt(now: string): void {
  mkdirSync(join(dir, 'dist', 'api', 'v2'), { recursive: true });
  writeFileSync(
    join(dir, 'dist', 'api', 'v2', 'status.json'),
    JSON.stringify({
      page: { id: 'status-acme-example', name: 'Acme', url: 'https://status.acme.example/', updated_at: now },
    }),
  );
}

const ENV = () => ({
  SLACK_URL: `${base}/slack`,
  DISCORD_URL: `${base}/discord`,
  TEAMS_URL: `${base}/teams`,
  WEBHOOK_URL: `${base}/webhook`,
  WEBHOOK_SECRET: SECRET,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  STATUSMARK_NOTIFY_BACKOFF_MS: '50',
  STATUSMARK_NOTIFY_TIMEOUT_MS: '2000',
});

/** `statusmark notify` on the test site's content, built output and state file. */
const notifyArgs = (extra: string[] = []) => [
  'notify',
  '--content',
  join(dir, 'content'),
  '--dist',
  join(dir, 'dist'),
  '--state',
  join(dir, 'state.json'),
  ...extra,
];

const notify = (now: string, extra: string[] = [], env: Record<string, string> = {}) => {
  builtAt(now);
  return runCliAsync(notifyArgs(extra), { ...ENV(), ...env });
};

const paths = () => received.map((r) => r.path).sort();
/** The documented shapes, as far as the tests read them: Slack Block Kit, a Discord embed, an Adaptive Card. */
interface Slack {
  text: string;
  blocks: {
    type: string;
    text?: { type: string; text: string; emoji?: boolean };
    fields?: { type: string; text: string }[];
    elements?: { type: string; text: string }[];
  }[];
}
interface Discord {
  embeds: {
    title: string;
    description: string;
    url: string;
    color: number;
    timestamp: string;
    fields: { name: string; value: string; inline: boolean }[];
  }[];
}
interface Teams {
  attachments: {
    contentType: string;
    content: {
      type: string;
      version: string;
      body: { type: string; inlines: { type: string; text: string }[] }[];
      actions: { type: string; url: string }[];
    };
  }[];
}
/** The parts of a Statuspage-shaped webhook body the tests read. */
interface ComponentUpdate {
  component_update?: { component_id: string; old_status: string; new_status: string; created_at: string };
  component?: { id: string; name: string };
}
interface Webhook {
  page: { status_indicator: string };
  incident: {
    id: string;
    status: string;
    impact: string;
    incident_updates: { status: string; body: string }[];
  };
}
const bodyOf = <T>(path: string, index = -1) =>
  JSON.parse(received.filter((r) => r.path === path).at(index)!.body) as T;
const slackText = (r: Received) => (JSON.parse(r.body) as Slack).text;

beforeEach(() => {
  dir = tempDir('notify');
  received = [];
  mails = [];
  script = {};
  onRequest = undefined;
  writeSite();
});

describe('statusmark notify', () => {
  test('a new update reaches every channel once, in its documented shape; a second run sends nothing', async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    const first = await notify('2026-11-24T01:05:00Z');
    expect(first.code, first.all).toBe(0);
    // The webhook also hears that the API went from operational to partial outage.
    expect(paths()).toEqual(['/discord', '/slack', '/teams', '/webhook', '/webhook']);
    expect(mails).toHaveLength(1);

    const slack = bodyOf<Slack>('/slack');
    expect(slack.text).toContain('[Investigating] Elevated API errors: Some API requests fail.');
    expect(slack.blocks.map((b: { type: string }) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
    ]);
    expect(slack.blocks[0]!.text).toEqual({
      type: 'plain_text',
      text: '[Investigating] Elevated API errors',
      emoji: false,
    });
    expect(slack.blocks[2]!.fields!.map((f) => f.text)).toEqual([
      '*Status*\nInvestigating',
      '*Impact*\nPartial outage',
      '*Components*\nPublic API',
      '*Next update*\nNov 24, 2026, 01:30 UTC',
    ]);
    expect(slack.blocks[3]!.elements![0]!.text).toBe(
      '<https://status.acme.example/incidents/2026-11-24-elevated-api-errors/#update-20261124T0100Z|View on the status page>',
    );

    const [embed] = bodyOf<Discord>('/discord').embeds;
    expect(embed).toMatchObject({
      title: '\\[Investigating\\] Elevated API errors',
      description: 'Some API requests fail. We are investigating.',
      url: 'https://status.acme.example/incidents/2026-11-24-elevated-api-errors/#update-20261124T0100Z',
      color: 0xbc4c00,
      timestamp: '2026-11-24T01:00:00.000Z',
    });
    expect(embed!.fields[1]).toEqual({ name: 'Impact', value: 'Partial outage', inline: true });

    const [attachment] = bodyOf<Teams>('/teams').attachments;
    expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment!.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(attachment!.content.body[0]!.inlines[0]!.text).toBe('[Investigating] Elevated API errors');
    expect(attachment!.content.actions[0]).toMatchObject({ type: 'Action.OpenUrl' });

    const hooks = received
      .filter((r) => r.path === '/webhook')
      .map((r) => JSON.parse(r.body) as Webhook & ComponentUpdate);
    expect(hooks.find((h) => h.component_update)).toMatchObject({
      component_update: {
        component_id: 'api',
        old_status: 'operational',
        new_status: 'partial_outage',
        created_at: '2026-11-24T01:00:00Z',
      },
      component: { id: 'api', name: 'Public API' },
    });
    const webhook = received.find((r) => r.path === '/webhook' && (JSON.parse(r.body) as Webhook).incident)!;
    const payload = JSON.parse(webhook.body) as Webhook;
    expect(payload.page).toMatchObject({ status_indicator: 'major' });
    expect(payload.incident).toMatchObject({
      id: '2026-11-24-elevated-api-errors',
      status: 'investigating',
      impact: 'major',
    });
    expect(payload.incident.incident_updates[0]).toMatchObject({
      status: 'investigating',
      body: 'Some API requests fail. We are investigating.',
    });
    // The signature, checked the way a receiver would, with its own HMAC.
    const timestamp = webhook.headers['x-statusmark-timestamp'] as string;
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${webhook.body}`).digest('hex');
    expect(webhook.headers['x-statusmark-signature']).toBe(`sha256=${expected}`);

    const mail = mails[0]!;
    expect(mail.subject).toBe('Acme: Elevated API errors (Investigating)');
    expect(mail.text).toContain('Some API requests fail. We are investigating.');
    expect(mail.html).toContain('<p>Some API requests fail. We are investigating.</p>');
    expect(mail.messageId).toBe('<incident.2026-11-24-elevated-api-errors.start@status.acme.example>');

    // Rebuilt with nothing new: nothing is sent.
    const again = await notify('2026-11-24T01:10:00Z');
    expect(again.code, again.all).toBe(0);
    expect(received).toHaveLength(5);
    expect(mails).toHaveLength(1);
    expect(again.out).toContain('0 sent, 0 failed.');

    // One new update: one message per channel, the email in the incident's thread.
    writeIncident(
      '2026-11-24-elevated-api-errors',
      `${OPENED}  - at: 2026-11-24T01:20:00Z\n    status: identified\n    message: A bad deploy; rolling back.\n---\n`,
    );
    const update = await notify('2026-11-24T01:21:00Z');
    expect(update.code, update.all).toBe(0);
    expect(paths()).toEqual([
      '/discord',
      '/discord',
      '/slack',
      '/slack',
      '/teams',
      '/teams',
      '/webhook',
      '/webhook',
      '/webhook',
    ]);
    expect(bodyOf<Slack>('/slack').text).toContain(
      '[Identified] Elevated API errors: A bad deploy; rolling back.',
    );
    expect(mails).toHaveLength(2);
    expect(mails[1]!.inReplyTo).toBe('<incident.2026-11-24-elevated-api-errors.start@status.acme.example>');
    expect(mails[1]!.messageId).toBe(
      '<incident.2026-11-24-elevated-api-errors.update-20261124T0120Z@status.acme.example>',
    );
  });

  test("a long title and message stay within each receiver's documented limits", async () => {
    // Near the longest message check accepts (5,000 characters): longer than Discord and Slack take.
    const title = `Elevated API errors ${'in every region '.repeat(20)}`.trim();
    const message =
      `Some API requests fail. ${'We are investigating the cause and will say more soon. '.repeat(85)}`.trim();
    writeIncident(
      '2026-11-24-long',
      OPENED.replace('title: Elevated API errors', `title: "${title}"`).replace(
        'message: Some API requests fail. We are investigating.',
        `message: "${message}"`,
      ) + '---\n',
    );
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    // Slack Block Kit: header text at most 150 characters, section text at most 3,000, field text 2,000.
    const slack = bodyOf<Slack>('/slack');
    expect(slack.blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
    expect(slack.blocks[1]!.text!.text.length).toBeLessThanOrEqual(3000);
    expect(slack.blocks[1]!.text!.text).toMatch(/…$/);
    for (const field of slack.blocks[2]!.fields!) expect(field.text.length).toBeLessThanOrEqual(2000);
    // Discord: title 256, description 4,096, field values 1,024, and 6,000 in all.
    const [embed] = bodyOf<Discord>('/discord').embeds;
    expect(embed!.title.length).toBeLessThanOrEqual(256);
    expect(embed!.description.length).toBeLessThanOrEqual(4096);
    const total =
      embed!.title.length +
      embed!.description.length +
      embed!.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    // The link to the whole text is always there.
    expect(embed!.url).toBe('https://status.acme.example/incidents/2026-11-24-long/#update-20261124T0100Z');
  });

  // One Astro build (seconds of CPU): the contract between what a build writes and what notify reads.
  // notify reads nothing of dist but api/v2/status.json's page.updated_at and page.url, so the rebuild
  // with no change is that document with a later clock, as a second build would write it.
  test('from a real build: the site in dist says its clock and address; rebuilt with no change, nothing is sent', async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    const content = join(dir, 'content');
    const site = join(dir, 'site');
    const args = ['notify', '--content', content, '--dist', site, '--state', join(dir, 'state.json')];
    const build = buildSite(content, { STATUSMARK_NOW: '2026-11-24T01:05:00Z', STATUSMARK_OUT_DIR: site });
    expect(build.status, build.output).toBe(0);
    const statusFile = join(site, 'api', 'v2', 'status.json');
    const built = JSON.parse(readFileSync(statusFile, 'utf8')) as {
      page: { updated_at: string; url: string };
    };
    expect(built.page).toMatchObject({
      updated_at: '2026-11-24T01:05:00Z',
      url: 'https://status.acme.example/',
    });
    const first = await runCliAsync(args, ENV());
    expect(first.code, first.all).toBe(0);
    expect(first.out).toContain('6 sent, 0 failed.');
    writeFileSync(
      statusFile,
      JSON.stringify({ ...built, page: { ...built.page, updated_at: '2026-11-24T01:20:00Z' } }),
    );
    const second = await runCliAsync(args, ENV());
    expect(second.out).toContain('0 sent, 0 failed.');
    expect(received).toHaveLength(5);
    expect(mails).toHaveLength(1);
  });

  test('a first run sends only the last two hours, and records the rest', async () => {
    writeIncident(
      '2026-11-20-old',
      '---\ntitle: Old incident\nseverity: P3\nstarted: 2026-11-20T10:00:00Z\nmitigated: 2026-11-20T11:00:00Z\nresolved: 2026-11-20T11:00:00Z\ncomponents:\n  - id: web\n    impact: degraded_performance\nupdates:\n  - at: 2026-11-20T10:00:00Z\n    status: investigating\n    message: Slow.\n  - at: 2026-11-20T11:00:00Z\n    status: resolved\n    message: Fixed.\n---\n',
    );
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    const first = await notify('2026-11-24T02:00:00Z', [], { SLACK_URL: `${base}/slack` });
    expect(first.code, first.all).toBe(0);
    expect(received.filter((r) => r.path === '/slack').map(slackText)).toEqual([
      expect.stringContaining('Elevated API errors'),
    ]);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {
      channels: Record<string, { sent: Record<string, number> }>;
    };
    expect(Object.keys(state.channels['ops-slack']!.sent).sort()).toEqual([
      'incident/2026-11-20-old/update-20261120T1000Z',
      'incident/2026-11-20-old/update-20261120T1100Z',
      'incident/2026-11-24-elevated-api-errors/update-20261124T0100Z',
    ]);
    const second = await notify('2026-11-24T02:10:00Z');
    expect(second.out).toContain('0 sent, 0 failed.');
  });

  test('a 500 then a 200 delivers once; a 429 waits its Retry-After; a timeout is retried', async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    script = {
      '/slack': [500, 200],
      '/discord': [{ status: 429, headers: { 'retry-after': '1' }, body: '{"message":"rate limited"}' }, 204],
      '/teams': ['hang', 200],
    };
    const run = await notify('2026-11-24T01:05:00Z', [], { STATUSMARK_NOTIFY_TIMEOUT_MS: '500' });
    expect(run.code, run.all).toBe(0);
    const at = (path: string) => received.filter((r) => r.path === path).map((r) => r.at);
    expect(at('/slack')).toHaveLength(2);
    const discord = at('/discord');
    expect(discord).toHaveLength(2);
    expect(discord[1]! - discord[0]!).toBeGreaterThanOrEqual(950);
    expect(at('/teams')).toHaveLength(2);
    expect(run.out).toContain('6 sent, 0 failed.');
    const again = await notify('2026-11-24T01:06:00Z');
    expect(again.out).toContain('0 sent, 0 failed.');
  });

  test('a channel answering 404 fails alone: the others get their messages, the run exits 1, the next run retries it', async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    script = { '/teams': [404] };
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'teams: FAILED incident/2026-11-24-elevated-api-errors/update-20261124T0100Z after 1 try: HTTP 404: no such hook',
    );
    expect(run.out).toContain('5 sent, 1 failed.');
    expect(paths()).toEqual(['/discord', '/slack', '/teams', '/webhook', '/webhook']);
    script = {};
    const retry = await notify('2026-11-24T01:20:00Z');
    expect(retry.code, retry.all).toBe(0);
    expect(retry.out).toContain('teams: sent incident/2026-11-24-elevated-api-errors/update-20261124T0100Z');
    expect(retry.out).toContain('1 sent, 0 failed.');
  });

  test('a receiver that refuses the connection is named with the reason', async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    writeSite('notifications:\n  - name: ops-slack\n    type: slack\n    url_env: SLACK_URL\n');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const run = await notify('2026-11-24T01:05:00Z', [], {
      SLACK_URL: `http://127.0.0.1:${port}/hook`,
      STATUSMARK_NOTIFY_ATTEMPTS: '1',
    });
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'ops-slack: FAILED incident/2026-11-24-elevated-api-errors/update-20261124T0100Z after 1 try: could not connect: ECONNREFUSED',
    );
  });

  test('a message that keeps failing is dropped after 24 hours, with a line that says so', async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    script = { '/slack': [503] };
    const channels = 'notifications:\n  - name: ops-slack\n    type: slack\n    url_env: SLACK_URL\n';
    writeSite(channels);
    expect((await notify('2026-11-24T01:05:00Z', [], { STATUSMARK_NOTIFY_ATTEMPTS: '1' })).code).toBe(1);
    const late = await notify('2026-11-25T01:06:00Z', [], { STATUSMARK_NOTIFY_ATTEMPTS: '1' });
    expect(late.code).toBe(0);
    expect(late.out).toContain(
      'ops-slack: dropped incident/2026-11-24-elevated-api-errors/update-20261124T0100Z after failing for more than 24 hours (last answer: HTTP 503',
    );
  });

  test('component and event filters', async () => {
    writeSite(
      'notifications:\n  - name: web-team\n    type: slack\n    url_env: SLACK_URL\n    components: [web]\n  - name: api-incidents\n    type: discord\n    url_env: DISCORD_URL\n    components: [api]\n    events: [incident]\n',
    );
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    writeFileSync(
      join(dir, 'content', 'maintenance', '2026-11-24-api-upgrade.md'),
      '---\ntitle: API upgrade\ncomponents: [api]\nannounced: 2026-11-24T00:30:00Z\nscheduled_start: 2026-11-25T02:00:00Z\nscheduled_end: 2026-11-25T03:00:00Z\n---\n',
    );
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    expect(paths()).toEqual(['/discord']);
    expect(bodyOf<Discord>('/discord').embeds[0]!.title).toBe('\\[Investigating\\] Elevated API errors');
  });

  test('a German site sends German; a channel with its own locale gets its language', async () => {
    writeFileSync(
      join(dir, 'content', 'site.yaml'),
      'name: Acme\nurl: https://status.acme.example\ndescription: Acme status.\nlocale: de\nnotifications:\n  - name: team\n    type: slack\n    url_env: SLACK_URL\n  - name: partners\n    type: discord\n    url_env: DISCORD_URL\n    locale: en\n',
    );
    writeFileSync(
      join(dir, 'content', 'maintenance', '2026-11-24-api-upgrade.md'),
      '---\ntitle: API-Upgrade\ncomponents: [api]\nannounced: 2026-11-24T01:00:00Z\nscheduled_start: 2026-11-24T03:00:00Z\nscheduled_end: 2026-11-24T04:00:00Z\n---\n',
    );
    await notify('2026-11-24T01:05:00Z');
    const started = await notify('2026-11-24T03:05:00Z');
    expect(started.out).toContain('team: sent maintenance/2026-11-24-api-upgrade/started');
    expect(slackText(received.filter((r) => r.path === '/slack').at(-1)!)).toMatch(
      /^\[Läuft\] API-Upgrade: Die geplante Wartung hat begonnen \(24\. Nov\. 2026, 03:00 UTC bis 24\. Nov\. 2026, 04:00 UTC\)\./,
    );
    expect(bodyOf<Discord>('/discord').embeds[0]!.title).toBe('\\[In progress\\] API-Upgrade');
  });

  test('a state file written before update ids were times is migrated: nothing sent twice, nothing skipped', async () => {
    writeSite('notifications:\n  - name: ops-slack\n    type: slack\n    url_env: SLACK_URL\n');
    // The state of a run when the incident had two updates (01:00 and 01:20), in version 1's ids.
    writeFileSync(
      join(dir, 'state.json'),
      JSON.stringify({
        version: 1,
        last_run: '2026-11-24T01:21:00.000Z',
        channels: {
          'ops-slack': {
            sent: {
              'incident/2026-11-24-elevated-api-errors/update-1': Date.parse('2026-11-24T01:00:00Z'),
              'incident/2026-11-24-elevated-api-errors/update-2': Date.parse('2026-11-24T01:20:00Z'),
            },
            pending: {},
          },
        },
      }),
    );
    // Since then an update was back-dated between them.
    writeIncident(
      '2026-11-24-elevated-api-errors',
      `${OPENED}  - at: 2026-11-24T01:10:00Z\n    status: identified\n    message: A bad deploy.\n  - at: 2026-11-24T01:20:00Z\n    status: monitoring\n    message: Rolled back.\n---\n`,
    );
    const run = await notify('2026-11-24T01:25:00Z');
    expect(run.code, run.all).toBe(0);
    expect(received.map(slackText)).toEqual([
      expect.stringContaining('[Identified] Elevated API errors: A bad deploy.'),
    ]);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {
      version: number;
      channels: Record<string, { sent: Record<string, number> }>;
    };
    expect(state.version).toBe(2);
    expect(Object.keys(state.channels['ops-slack']!.sent).sort()).toEqual([
      'incident/2026-11-24-elevated-api-errors/update-20261124T0100Z',
      'incident/2026-11-24-elevated-api-errors/update-20261124T0110Z',
      'incident/2026-11-24-elevated-api-errors/update-20261124T0120Z',
    ]);
  });

  test('maintenance is news when announced, when it starts and when it ends, without a commit', async () => {
    writeSite('notifications:\n  - name: ops-slack\n    type: slack\n    url_env: SLACK_URL\n');
    writeFileSync(
      join(dir, 'content', 'maintenance', '2026-11-24-api-upgrade.md'),
      '---\ntitle: API upgrade\ncomponents: [api]\nannounced: 2026-11-24T01:00:00Z\nscheduled_start: 2026-11-24T03:00:00Z\nscheduled_end: 2026-11-24T04:00:00Z\n---\n',
    );
    const texts = () => received.map(slackText);
    await notify('2026-11-24T01:05:00Z');
    await notify('2026-11-24T02:50:00Z');
    expect(texts()).toEqual([
      expect.stringMatching(
        /^\[Scheduled\] API upgrade: Maintenance is scheduled from Nov 24, 2026, 03:00 UTC to Nov 24, 2026, 04:00 UTC\./,
      ),
    ]);
    await notify('2026-11-24T03:05:00Z');
    expect(texts()[1]).toMatch(/^\[In progress\] API upgrade: The scheduled maintenance has started/);
    await notify('2026-11-24T04:15:00Z');
    expect(texts()[2]).toMatch(/^\[Completed\] API upgrade: The scheduled maintenance has ended\./);
    await notify('2026-11-24T04:30:00Z');
    expect(received).toHaveLength(3);
  });

  test('--dry-run sends nothing and writes no state; --test sends one marked message and prints the answer', async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    const dry = await notify('2026-11-24T01:05:00Z', ['--dry-run']);
    expect(dry.code, dry.all).toBe(0);
    expect(dry.out).toContain(
      'ops-slack (slack) would get 1:\n  incident/2026-11-24-elevated-api-errors/update-20261124T0100Z  [Investigating] Elevated API errors',
    );
    expect(received).toEqual([]);
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
    const probe = await notify('2026-11-24T01:05:00Z', ['--test', 'discord']);
    expect(probe.code, probe.all).toBe(0);
    expect(probe.out).toBe(
      'discord: test message delivered after 1 try; the receiver answered: HTTP 200: ok\n',
    );
    expect(bodyOf<Discord>('/discord').embeds[0]!.title).toBe(
      '\\[TEST\\] \\[Investigating\\] Elevated API errors',
    );
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
  });

  test("a missing secret stops the run before anything is sent, naming site.yaml's line", async () => {
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    const run = await notify('2026-11-24T01:05:00Z', [], { DISCORD_URL: '' });
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `${join(dir, 'content', 'site.yaml')}:10  notifications[1].url_env  DISCORD_URL is not set; add it as a repository secret (Settings → Secrets and variables → Actions)`,
    );
    expect(received).toEqual([]);
  });
});

describe('a built site that cannot be read', () => {
  test('a status.json that is not JSON is a message, not a stack trace', async () => {
    builtAt('2026-11-24T01:05:00Z');
    writeFileSync(join(dir, 'dist', 'api', 'v2', 'status.json'), '<html>');
    const run = await runCliAsync(notifyArgs(), ENV());
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${join(dir, 'dist', 'api', 'v2', 'status.json')} is not JSON`);
    expect(run.err).not.toContain('    at ');
  });
});

describe('the events of a real archive', () => {
  test("a published postmortem is news once, in its incident's thread; the week's updates are listed in order", async () => {
    cpSync('test/fixtures/site', join(dir, 'content'), { recursive: true });
    appendFileSync(
      join(dir, 'content', 'site.yaml'),
      '\nnotifications:\n  - name: ops-slack\n    type: slack\n    url_env: SLACK_URL\n',
    );
    // --since reaches back a month, past the week a run normally looks at.
    const run = await notify('2026-11-23T12:00:00Z', ['--dry-run', '--since', '2026-10-14']);
    expect(run.code, run.all).toBe(0);
    const planned = run.out.split('\n').filter((line) => line.startsWith('  '));
    expect(planned).toContain(
      '  postmortem/2026-10-14-checkout-payments-failing  [Postmortem published] Postmortem: Card payments failing in hosted checkout',
    );
    const at = (id: string) => planned.findIndex((line) => line.startsWith(`  ${id}`));
    expect(at('incident/2026-10-14-checkout-payments-failing/update-20261014T0926Z')).toBeLessThan(
      at('postmortem/2026-10-14-checkout-payments-failing'),
    );
    expect(
      planned.filter((line) => line.includes('incident/2026-10-14-checkout-payments-failing/update-')).length,
    ).toBeGreaterThan(1);
  });
});

describe('statusmark check on notification channels', () => {
  test('an unknown type and a missing field are errors with their line', async () => {
    writeSite(
      'notifications:\n  - name: chat\n    type: mattermost\n    url_env: CHAT_URL\n  - name: mail\n    type: email\n    smtp_env: SMTP_URL\n    to: [a@example.com]\n',
    );
    const check = await runCliAsync(['check', '--content', join(dir, 'content')]);
    expect(check.code).toBe(1);
    const site = join(dir, 'content', 'site.yaml');
    expect(check.out).toContain(
      `${site}:6  notifications[0].type  must be one of "slack", "discord", "teams", "webhook", "email", "buttondown", "listmonk", got the text "mattermost"`,
    );
    expect(check.out).toContain(
      `${site}:8  notifications[1].from  is required for an email channel, such as from: status@example.com`,
    );
  });

  test('a component filter naming no component is an error with its line', async () => {
    writeSite(
      'notifications:\n  - name: web\n    type: slack\n    url_env: SLACK_URL\n    components: [api, website]\n',
    );
    const check = await runCliAsync(['check', '--content', join(dir, 'content')]);
    expect(check.code).toBe(1);
    expect(check.out).toContain(
      `${join(dir, 'content', 'site.yaml')}:8  notifications[0].components[1]  "website" is not a component in components.yaml; use one of "api", "web"`,
    );
  });
});

const SLACK_ONLY = 'notifications:\n  - name: ops-slack\n    type: slack\n    url_env: SLACK_URL\n';
const slackTexts = () => received.filter((r) => r.path === '/slack').map(slackText);
const update = (at: string, status: string, message: string) =>
  `  - at: ${at}\n    status: ${status}\n    message: ${message}\n`;
/** The state file as a test reads it. */
const stateFile = () =>
  JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {
    version: number;
    channels: Record<string, { sent: Record<string, number>; fingerprints?: Record<string, string> }>;
  };

describe('what a receiver renders is what was written', () => {
  test('mention and link syntax in a title or text is escaped for Slack, Discord and Teams, and pings no one', async () => {
    writeIncident(
      '2026-11-24-mentions',
      OPENED.replace(
        'title: Elevated API errors',
        'title: "<!channel> *Checkout* down for <@U123> & co"',
      ).replace(
        'message: Some API requests fail. We are investigating.',
        'message: "Ask <@U123> about rate_limit errors, see https://docs.example/a_b and ||this||."',
      ) + '---\n',
    );
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    const headline = '[Investigating] <!channel> *Checkout* down for <@U123> & co';

    // Slack: the notification text escapes &, < and > as the blocks do; a header is plain text.
    const slack = bodyOf<Slack>('/slack');
    expect(slack.text).toBe(
      '[Investigating] &lt;!channel&gt; *Checkout* down for &lt;@U123&gt; &amp; co: Ask &lt;@U123&gt; about rate_limit errors, see https://docs.example/a_b and ||this||. https://status.acme.example/incidents/2026-11-24-mentions/#update-20261124T0100Z',
    );
    expect(slack.blocks[0]!.text!.text).toBe(headline);
    expect(slack.blocks[1]!.text!.text).toContain('Ask &lt;@U123&gt; about');

    // Discord: no mention is allowed, and Markdown and tags are escaped (a web address is left whole).
    const discord = bodyOf<Discord & { allowed_mentions: unknown }>('/discord');
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0]!.title).toBe(
      '\\[Investigating\\] \\<!channel> \\*Checkout\\* down for \\<@U123> & co',
    );
    expect(discord.embeds[0]!.description).toBe(
      'Ask \\<@U123> about rate\\_limit errors, see https://docs.example/a_b and \\|\\|this\\|\\|.',
    );

    // Teams: every text is a TextRun, which Adaptive Cards show as written (no Markdown).
    const [attachment] = bodyOf<Teams>('/teams').attachments;
    const body = attachment!.content.body;
    expect(body.map((b) => b.type)).toEqual(body.map(() => 'RichTextBlock'));
    expect(body[0]!.inlines[0]!.text).toBe(headline);
    expect(body[1]!.inlines[0]!.text).toBe(
      'Ask <@U123> about rate_limit errors, see https://docs.example/a_b and ||this||.',
    );
  });
});

describe('which events are news', () => {
  test('an update inserted between two sent ones is sent, once, and nothing old again', async () => {
    writeSite(SLACK_ONLY);
    const first = update('2026-11-24T01:00:00Z', 'investigating', 'Some API requests fail.');
    const third = update('2026-11-24T01:20:00Z', 'monitoring', 'Rolled back.');
    const file = (updates: string) =>
      `${OPENED.slice(0, OPENED.indexOf('updates:\n'))}updates:\n${updates}---\n`;
    writeIncident('2026-11-24-elevated-api-errors', file(first + third));
    expect((await notify('2026-11-24T01:25:00Z')).code).toBe(0);
    expect(slackTexts()).toHaveLength(2);

    writeIncident(
      '2026-11-24-elevated-api-errors',
      file(first + update('2026-11-24T01:10:00Z', 'identified', 'A bad deploy.') + third),
    );
    const run = await notify('2026-11-24T01:30:00Z');
    expect(run.out).toBe(
      'ops-slack: sent incident/2026-11-24-elevated-api-errors/update-20261124T0110Z\n1 sent, 0 failed.\n',
    );
    expect(slackTexts()[2]).toContain('[Identified] Elevated API errors: A bad deploy.');
    expect((await notify('2026-11-24T01:35:00Z')).out).toContain('0 sent, 0 failed.');
    expect(slackTexts()).toHaveLength(3);
  });

  test('a channel added later starts at the first run’s horizon, not a week back', async () => {
    writeSite(SLACK_ONLY);
    writeIncident(
      '2026-11-20-old',
      '---\ntitle: Old incident\nseverity: P3\nstarted: 2026-11-20T10:00:00Z\nmitigated: 2026-11-20T11:00:00Z\nresolved: 2026-11-20T11:00:00Z\ncomponents:\n  - id: web\n    impact: degraded_performance\nupdates:\n  - at: 2026-11-20T10:00:00Z\n    status: investigating\n    message: Slow.\n  - at: 2026-11-20T11:00:00Z\n    status: resolved\n    message: Fixed.\n---\n',
    );
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    const first = await notify('2026-11-24T02:00:00Z');
    expect(first.out, first.all).toContain('1 sent, 0 failed.');

    writeSite(`${SLACK_ONLY}  - name: discord\n    type: discord\n    url_env: DISCORD_URL\n`);
    const run = await notify('2026-11-24T02:10:00Z');
    expect(run.out).toBe(
      'discord: sent incident/2026-11-24-elevated-api-errors/update-20261124T0100Z\n1 sent, 0 failed.\n',
    );
    expect(Object.keys(stateFile().channels.discord!.sent).sort()).toEqual([
      'incident/2026-11-20-old/update-20261120T1000Z',
      'incident/2026-11-20-old/update-20261120T1100Z',
      'incident/2026-11-24-elevated-api-errors/update-20261124T0100Z',
    ]);

    // Taken out of site.yaml, the channel is forgotten; put back, it starts afresh.
    writeSite(SLACK_ONLY);
    await notify('2026-11-24T02:20:00Z');
    expect(Object.keys(stateFile().channels)).toEqual(['ops-slack']);
  });

  test('a renamed incident file is not news, even with a state written by 0.5; its next update is', async () => {
    writeSite(SLACK_ONLY);
    const two = `${OPENED}${update('2026-11-24T01:20:00Z', 'identified', 'A bad deploy.')}`;
    const rename = (from: string, to: string, text: string) => {
      rmSync(join(dir, 'content', 'incidents', `${from}.md`));
      writeIncident(to, text);
    };
    // What 0.5 wrote after sending both updates (ids by time, no fingerprints); the file was renamed since.
    const at = (iso: string) => Date.parse(iso);
    writeFileSync(
      join(dir, 'state.json'),
      JSON.stringify({
        version: 2,
        last_run: '2026-11-24T01:21:00.000Z',
        channels: {
          'ops-slack': {
            sent: {
              'incident/2026-11-24-elevated-api-errors/update-20261124T0100Z': at('2026-11-24T01:00:00Z'),
              'incident/2026-11-24-elevated-api-errors/update-20261124T0120Z': at('2026-11-24T01:20:00Z'),
            },
            pending: {},
          },
        },
      }),
    );
    writeIncident('2026-11-24-api-errors', `${two}---\n`);
    const upgraded = await notify('2026-11-24T01:25:00Z');
    expect(upgraded.code, upgraded.all).toBe(0);
    expect(upgraded.out).toBe(
      [
        'ops-slack: incident/2026-11-24-api-errors/update-20261124T0100Z was sent as incident/2026-11-24-elevated-api-errors/update-20261124T0100Z (its file was renamed); not sent again',
        'ops-slack: incident/2026-11-24-api-errors/update-20261124T0120Z was sent as incident/2026-11-24-elevated-api-errors/update-20261124T0120Z (its file was renamed); not sent again',
        '0 sent, 0 failed.\n',
      ].join('\n'),
    );

    // Renamed again, with a better title: the state now knows each update by what it is.
    rename(
      '2026-11-24-api-errors',
      '2026-11-24-checkout-errors',
      `${two.replace('Elevated API errors', 'Checkout errors')}---\n`,
    );
    const renamed = await notify('2026-11-24T01:30:00Z');
    expect(renamed.out).toContain(
      'ops-slack: incident/2026-11-24-checkout-errors/update-20261124T0120Z was sent as incident/2026-11-24-api-errors/update-20261124T0120Z (its file was renamed); not sent again',
    );
    expect(renamed.out).toContain('0 sent, 0 failed.');

    writeIncident(
      '2026-11-24-checkout-errors',
      `${two}${update('2026-11-24T01:40:00Z', 'monitoring', 'Rolled back.')}---\n`,
    );
    const next = await notify('2026-11-24T01:45:00Z');
    expect(next.out).toBe(
      'ops-slack: sent incident/2026-11-24-checkout-errors/update-20261124T0140Z\n1 sent, 0 failed.\n',
    );
    expect(received).toHaveLength(1);
  });
});

describe('delivery that cannot go wrong in order or in memory', () => {
  test('a 5xx holds back the channel’s later updates, which follow it in order next run', async () => {
    writeSite(SLACK_ONLY);
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    await notify('2026-11-24T01:05:00Z');
    writeIncident(
      '2026-11-24-elevated-api-errors',
      `${OPENED}${update('2026-11-24T01:20:00Z', 'identified', 'A bad deploy.')}${update('2026-11-24T01:40:00Z', 'monitoring', 'Rolled back.')}---\n`,
    );
    script = { '/slack': [500, 200] };
    const failing = await notify('2026-11-24T01:45:00Z', [], { STATUSMARK_NOTIFY_ATTEMPTS: '1' });
    expect(failing.code).toBe(1);
    expect(failing.out).toContain(
      'ops-slack: 1 later message waits for the next run, to arrive after incident/2026-11-24-elevated-api-errors/update-20261124T0120Z',
    );
    expect(failing.out).toContain('0 sent, 1 failed, 1 held back for the next run.');
    const next = await notify('2026-11-24T01:50:00Z');
    expect(next.code, next.all).toBe(0);
    expect(slackTexts().map((text) => text.slice(0, text.indexOf(']') + 1))).toEqual([
      '[Investigating]',
      '[Identified]', // answered 500
      '[Identified]',
      '[Monitoring]',
    ]);
  });

  test('an answer that never ends is read only as far as a few kilobytes', async () => {
    writeSite(SLACK_ONLY);
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    script = { '/slack': ['endless'] };
    const run = await notify('2026-11-24T01:05:00Z', [], {
      STATUSMARK_NOTIFY_TIMEOUT_MS: '1000',
      STATUSMARK_NOTIFY_ATTEMPTS: '1',
    });
    expect(run.code, run.all).toBe(0);
    expect(run.out).toContain('1 sent, 0 failed.');
  });

  test('a Retry-After past the run’s time for retries leaves the message for the next run, without waiting', async () => {
    writeSite(SLACK_ONLY);
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    script = { '/slack': [{ status: 429, headers: { 'retry-after': '59' } }, 200] };
    const started = Date.now();
    const run = await notify('2026-11-24T01:05:00Z', [], { STATUSMARK_NOTIFY_RETRY_BUDGET_MS: '2000' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      "ops-slack: FAILED incident/2026-11-24-elevated-api-errors/update-20261124T0100Z after 1 try: HTTP 429 (a retry in 59 s would end after this run's time for retries: left for the next run)",
    );
    const next = await notify('2026-11-24T01:10:00Z');
    expect(next.out).toContain('1 sent, 0 failed.');
  }, 15_000);

  test('with --state-branch, the branch records each message before the next is sent', async () => {
    writeSite(SLACK_ONLY);
    writeIncident(
      '2026-11-24-elevated-api-errors',
      `${OPENED}${update('2026-11-24T01:20:00Z', 'identified', 'A bad deploy.')}---\n`,
    );
    const origin = tempDir('notify-origin');
    gitIn(origin, ['init', '--quiet', '--bare']);
    gitIn(dir, ['init', '--quiet']);
    gitIn(dir, ['remote', 'add', 'origin', origin]);
    // What a run stopped at this moment would leave on the branch for the next one.
    const onBranch: string[][] = [];
    onRequest = () => {
      const shown = spawnSync('git', ['--git-dir', origin, 'show', 'statusmark-state:notify-state.json'], {
        encoding: 'utf8',
      });
      const state =
        shown.status === 0 ? (JSON.parse(shown.stdout) as ReturnType<typeof stateFile>) : undefined;
      onBranch.push(Object.keys(state?.channels['ops-slack']?.sent ?? {}));
    };
    const run = await notify('2026-11-24T01:25:00Z', ['--state-branch', 'statusmark-state']);
    expect(run.code, run.all).toBe(0);
    expect(onBranch).toEqual([[], ['incident/2026-11-24-elevated-api-errors/update-20261124T0100Z']]);
    // A fresh clone (no state file) reads the branch and sends nothing again.
    rmSync(join(dir, 'state.json'));
    const again = await notify('2026-11-24T01:30:00Z', ['--state-branch', 'statusmark-state']);
    expect(again.out).toContain('0 sent, 0 failed.');
    expect(received).toHaveLength(2);
  });
});

describe('a state file that cannot be used', () => {
  test('a state branch that cannot be reached stops the run: it is not taken for a first run', async () => {
    writeSite(SLACK_ONLY);
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    gitIn(dir, ['init', '--quiet']);
    gitIn(dir, ['remote', 'add', 'origin', join(dir, 'no-such-origin')]);
    const run = await notify('2026-11-24T01:05:00Z', ['--state-branch', 'statusmark-state']);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'Nothing was sent: the notify state could not be read from the statusmark-state branch (git fetch):',
    );
    expect(received).toEqual([]);
  });

  test('a wrong-shaped state file is named with what is wrong and how to restore it, with no stack trace', async () => {
    writeSite(SLACK_ONLY);
    writeIncident('2026-11-24-elevated-api-errors', `${OPENED}---\n`);
    writeFileSync(
      join(dir, 'state.json'),
      JSON.stringify({ version: 2, last_run: '', channels: { 'ops-slack': { sent: null, pending: {} } } }),
    );
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code).toBe(1);
    const path = join(dir, 'state.json');
    expect(run.err).toContain(
      `${path} is not a notify state file: channels.ops-slack.sent: Invalid input: expected record, received null. Restore an earlier copy of ${path}, or delete it to start over: each channel then gets only the events of the last two hours, and older ones are recorded as sent.`,
    );
    expect(run.err).not.toContain('    at ');
    expect(received).toEqual([]);
  });
});

describe('notify --test', () => {
  test('needs no build: a site with nothing but site.yaml gets the test message', async () => {
    rmSync(join(dir, 'content', 'components.yaml'));
    writeSite(SLACK_ONLY);
    rmSync(join(dir, 'content', 'components.yaml'));
    const run = await runCliAsync(
      ['notify', '--content', join(dir, 'content'), '--dist', join(dir, 'no-build'), '--test', 'ops-slack'],
      ENV(),
    );
    expect(run.code, run.all).toBe(0);
    expect(run.out).toBe(
      'ops-slack: test message delivered after 1 try; the receiver answered: HTTP 200: ok\n',
    );
    expect(bodyOf<Slack>('/slack').blocks[0]!.text!.text).toBe(
      '[TEST] [Test] Test message from the status page',
    );
    expect(slackText(received[0]!)).toContain('https://status.acme.example/');
  });
});
