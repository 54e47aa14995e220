import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/**
 * `statusmark notify` to mailing lists, against stand-ins on 127.0.0.1 for the parts of Buttondown's
 * REST API (docs.buttondown.com, version 2026-04-01) and Listmonk's (listmonk.app/docs/apis) that it
 * uses, as their documentation describes them: tags, emails with filters, metadata and idempotency
 * keys; lists and campaigns with tags, status changes and token auth.
 */

const EVERYTHING = '11111111-1111-4111-8111-111111111111';
const API_LIST = '22222222-2222-4222-8222-222222222222';
const WEB_LIST = '33333333-3333-4333-8333-333333333333';

interface Email {
  id: string;
  subject: string;
  body: string;
  status: string;
  metadata: Record<string, string>;
  filters?: { predicate: string; filters: { operator: string; value: string }[]; groups: unknown[] };
}
interface Campaign {
  id: number;
  name: string;
  subject: string;
  lists: { id: number }[];
  content_type: string;
  body: string;
  altbody: string;
  tags: string[];
  status: string;
}

/** What a stand-in is told to do to the next matching request: fail first, or do it and lose the answer. */
type Fault = { method: string; path: RegExp; status?: number; lose?: boolean; times: number };

let server: Server;
let base: string;
let emails: Email[] = [];
let campaigns: Campaign[] = [];
let requests: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
let faults: Fault[] = [];
/** Buttondown's answers to idempotency keys already seen, replayed. */
let replies = new Map<string, string>();

const TAGS = [
  { id: 'tag_all', name: 'all' },
  { id: 'tag_api', name: 'api' },
  { id: 'tag_web', name: 'web' },
];

function buttondown(method: string, url: URL, body: string, request: IncomingMessage): [number, unknown] {
  if (request.headers.authorization !== 'Token bd-key') return [401, { detail: 'Invalid token.' }];
  if (method === 'GET' && url.pathname === '/v1/tags') {
    // One tag a page, so that `next` is followed.
    const page = Number(url.searchParams.get('page') ?? 1);
    const next = page < TAGS.length ? `${base}/v1/tags?page=${page + 1}` : null;
    return [200, { results: [TAGS[page - 1]], next, count: TAGS.length }];
  }
  if (method === 'GET' && url.pathname === '/v1/emails')
    return [200, { results: emails, next: null, count: emails.length }];
  if (method === 'POST' && url.pathname === '/v1/emails') {
    const input = JSON.parse(body) as Omit<Email, 'id'>;
    const email = { ...input, id: `em_${emails.length + 1}` };
    emails.push(email);
    return [201, email];
  }
  const patch = /^\/v1\/emails\/([^/]+)$/.exec(url.pathname);
  if (method === 'PATCH' && patch) {
    const email = emails.find((e) => e.id === patch[1]);
    if (!email) return [404, { detail: 'Not found.' }];
    Object.assign(email, JSON.parse(body));
    return [200, email];
  }
  return [404, { detail: 'Not found.' }];
}

function listmonk(method: string, url: URL, body: string, request: IncomingMessage): [number, unknown] {
  if (request.headers.authorization !== 'token statusmark:lm-token')
    return [403, { message: 'invalid API credentials' }];
  if (method === 'GET' && url.pathname === '/api/lists') {
    const lists = [EVERYTHING, API_LIST, WEB_LIST].map((uuid, index) => ({
      id: index + 1,
      uuid,
      name: uuid,
    }));
    return [200, { data: { results: lists, total: lists.length } }];
  }
  if (method === 'GET' && url.pathname === '/api/campaigns') {
    // As cmd/campaigns.go reads it: `tag`, every one of them on the campaign.
    const tags = url.searchParams.getAll('tag');
    const results = campaigns.filter((c) => tags.every((t) => c.tags.includes(t)));
    return [200, { data: { results, total: results.length } }];
  }
  if (method === 'POST' && url.pathname === '/api/campaigns') {
    const input = JSON.parse(body) as Omit<Campaign, 'id' | 'lists' | 'status'> & { lists: number[] };
    if (input.lists.length === 0) return [400, { message: 'Invalid lists' }];
    const campaign = {
      ...input,
      id: campaigns.length + 1,
      lists: input.lists.map((id) => ({ id })),
      status: 'draft',
    };
    campaigns.push(campaign);
    return [200, { data: campaign }];
  }
  const status = /^\/api\/campaigns\/(\d+)\/status$/.exec(url.pathname);
  if (method === 'PUT' && status) {
    const campaign = campaigns.find((c) => c.id === Number(status[1]));
    if (!campaign) return [404, { message: 'Campaign not found' }];
    campaign.status = (JSON.parse(body) as { status: string }).status;
    return [200, { data: campaign }];
  }
  return [404, { message: 'Not found' }];
}

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', base);
  requests.push({ method, url: url.pathname + url.search, headers: request.headers });
  const fault = faults.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
  if (fault) fault.times--;
  if (fault?.status) return void response.writeHead(fault.status).end('{"detail":"try later"}');
  const key = request.headers['x-idempotency-key'] as string | undefined;
  const replay = key ? replies.get(key) : undefined;
  const [status, data] = replay
    ? [201, JSON.parse(replay) as unknown]
    : url.pathname.startsWith('/v1/')
      ? buttondown(method, url, body, request)
      : listmonk(method, url, body, request);
  if (key && !replay) replies.set(key, JSON.stringify(data));
  // Done, and the answer lost on the way: what a timeout leaves the sender knowing.
  if (fault?.lose) return void response.destroy();
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let dir: string;

const BUTTONDOWN = () => `subscribe:
  provider: buttondown
  username: acme
  topics:
    - tag: api
      components: [api]
    - tag: web
      components: [web]
notifications:
  - name: readers
    type: buttondown
    api_key_env: BUTTONDOWN_API_KEY
`;

const LISTMONK = () => `subscribe:
  provider: listmonk
  url: ${base}
  everything: ${EVERYTHING}
  topics:
    - list: ${API_LIST}
      components: [api]
    - list: ${WEB_LIST}
      components: [web]
notifications:
  - name: readers
    type: listmonk
    api_user: statusmark
    api_token_env: LISTMONK_TOKEN
`;

function writeSite(settings: string, locale = 'en'): void {
  mkdirSync(join(dir, 'content', 'incidents'), { recursive: true });
  writeFileSync(
    join(dir, 'content', 'site.yaml'),
    `name: Acme\nurl: https://status.acme.example\ndescription: Acme status.\nlocale: ${locale}\n${settings}`,
  );
  writeFileSync(
    join(dir, 'content', 'components.yaml'),
    '- id: api\n  name: Public API\n- id: web\n  name: Web app\n',
  );
  writeFileSync(
    join(dir, 'content', 'incidents', '2026-11-24-api-errors.md'),
    `---
title: 'Elevated {{ API }} errors'
severity: P2
started: 2026-11-24T01:00:00Z
components:
  - id: api
    impact: partial_outage
updates:
  - at: 2026-11-24T01:00:00Z
    status: investigating
    message: Some API requests fail. We are investigating.
---
`,
  );
}

async function notify(now: string, extra: string[] = []) {
  mkdirSync(join(dir, 'dist', 'api', 'v2'), { recursive: true });
  writeFileSync(
    join(dir, 'dist', 'api', 'v2', 'status.json'),
    JSON.stringify({ page: { url: 'https://status.acme.example/', updated_at: now } }),
  );
  return runCli(
    [
      'notify',
      '--content',
      join(dir, 'content'),
      '--dist',
      join(dir, 'dist'),
      '--state',
      join(dir, 'state.json'),
      ...extra,
    ],
    {
      BUTTONDOWN_API_KEY: 'bd-key',
      STATUSMARK_BUTTONDOWN_API: `${base}/v1`,
      LISTMONK_TOKEN: 'lm-token',
      STATUSMARK_NOTIFY_BACKOFF_MS: '20',
      STATUSMARK_NOTIFY_TIMEOUT_MS: '2000',
    },
  );
}

const INCIDENT = 'incident/2026-11-24-api-errors/update-20261124T0100Z';

beforeEach(() => {
  dir = tempDir('email-lists');
  emails = [];
  campaigns = [];
  requests = [];
  faults = [];
  replies = new Map();
});

describe('a Buttondown channel', () => {
  test('sends an update once, to the readers of its component, of everything and of nothing chosen', async () => {
    writeSite(BUTTONDOWN());
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    expect(run.out).toContain(`readers: sent ${INCIDENT}`);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email!.status).toBe('about_to_send');
    expect(email!.subject).toBe(
      'Acme: Elevated {% templatetag openvariable %} API }} errors (Investigating)',
    );
    expect(email!.body).toMatch(/^<!-- buttondown-editor-mode: fancy -->/);
    expect(email!.body).toContain('Some API requests fail. We are investigating.');
    expect(email!.body).toContain(
      'href="https://status.acme.example/incidents/2026-11-24-api-errors/#update-20261124T0100Z"',
    );
    expect(email!.metadata.event_id).toBe(INCIDENT);
    expect(email!.filters).toEqual({
      predicate: 'or',
      filters: [
        { field: 'subscriber.tags', operator: 'contains', value: 'tag_all' },
        { field: 'subscriber.tags', operator: 'contains', value: 'tag_api' },
      ],
      groups: [
        {
          predicate: 'and',
          filters: ['tag_all', 'tag_api', 'tag_web'].map((value) => ({
            field: 'subscriber.tags',
            operator: 'not_contains',
            value,
          })),
          groups: [],
        },
      ],
    });
    const create = requests.find((r) => r.method === 'POST')!;
    expect(create.headers['x-api-version']).toBe('2026-04-01');
    expect(create.headers['x-idempotency-key']).toBe(email!.metadata.statusmark);

    const again = await notify('2026-11-24T01:10:00Z');
    expect(again.out).toContain('0 sent, 0 failed.');
    expect(emails).toHaveLength(1);
  });

  test('a lost answer to the creation is retried with the same idempotency key: one email', async () => {
    writeSite(BUTTONDOWN());
    faults = [{ method: 'POST', path: /^\/v1\/emails$/, lose: true, times: 1 }];
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.status).toBe('about_to_send');
  });

  test('an email left a draft by a failed run is found by the next one and sent, not made again', async () => {
    writeSite(BUTTONDOWN());
    faults = [{ method: 'PATCH', path: /^\/v1\/emails\//, status: 503, times: 3 }];
    const failed = await notify('2026-11-24T01:05:00Z');
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`readers: FAILED ${INCIDENT} after 5 tries: HTTP 503`);
    expect(emails.map((e) => e.status)).toEqual(['draft']);

    const next = await notify('2026-11-24T01:10:00Z');
    expect(next.code, next.all).toBe(0);
    expect(emails.map((e) => e.status)).toEqual(['about_to_send']);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  test('--test makes a draft, sent to no reader', async () => {
    writeSite(BUTTONDOWN());
    const run = await notify('2026-11-24T01:05:00Z', ['--test', 'readers']);
    expect(run.code, run.all).toBe(0);
    expect(run.out).toMatch(
      /^readers: test message delivered after \d+ tries; the receiver answered: draft em_1 made at Buttondown, sent to no one/,
    );
    expect(emails.map((e) => [e.status, e.subject])).toEqual([
      ['draft', '[TEST] Acme: Elevated {% templatetag openvariable %} API }} errors (Investigating)'],
    ]);
  });
});

describe('a Listmonk channel', () => {
  test("sends an update once as a running campaign on its component's list and everything's, with a plain-text part", async () => {
    writeSite(LISTMONK(), 'de');
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    expect(campaigns).toHaveLength(1);
    const [campaign] = campaigns;
    expect(campaign!.status).toBe('running');
    expect(campaign!.lists).toEqual([{ id: 1 }, { id: 2 }]);
    expect(campaign!.content_type).toBe('html');
    // In the site's language, with Go's template braces kept from Listmonk's templates.
    expect(campaign!.subject).toBe('Acme: Elevated {{"{{"}} API }} errors (Wird untersucht)');
    expect(campaign!.altbody).toContain('Some API requests fail. We are investigating.');
    expect(campaign!.altbody).toContain(
      'https://status.acme.example/incidents/2026-11-24-api-errors/#update-20261124T0100Z',
    );
    expect(campaign!.altbody).not.toContain('<');
    expect(campaign!.body).toContain('<a href="https://status.acme.example/incidents/2026-11-24-api-errors/');
    expect(campaign!.tags[0]).toBe('statusmark');

    const again = await notify('2026-11-24T01:10:00Z');
    expect(again.out).toContain('0 sent, 0 failed.');
    expect(campaigns).toHaveLength(1);
  });

  test('a lost answer to the creation is not posted again: the campaign is found by its tag and started once', async () => {
    writeSite(LISTMONK());
    faults = [{ method: 'POST', path: /^\/api\/campaigns$/, lose: true, times: 1 }];
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    expect(campaigns.map((c) => c.status)).toEqual(['running']);
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  test('a 503 is retried within the run; a campaign already running is not started again by a later run', async () => {
    writeSite(LISTMONK());
    faults = [{ method: 'GET', path: /^\/api\/lists$/, status: 503, times: 1 }];
    const run = await notify('2026-11-24T01:05:00Z');
    expect(run.code, run.all).toBe(0);
    expect(requests.filter((r) => r.url.startsWith('/api/lists'))).toHaveLength(2);
    // The state is lost: the next run finds the campaign by its tag.
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ version: 2, last_run: '', channels: {} }));
    const again = await notify('2026-11-24T01:10:00Z');
    expect(again.code, again.all).toBe(0);
    expect(again.out).toContain(`readers: sent ${INCIDENT}`);
    expect(campaigns).toHaveLength(1);
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  test('wrong credentials are a refusal with the answer, not retried', async () => {
    writeSite(LISTMONK());
    const run = await runCli(
      ['notify', '--content', join(dir, 'content'), '--dist', join(dir, 'dist'), '--test', 'readers'],
      { LISTMONK_TOKEN: 'wrong', STATUSMARK_NOTIFY_BACKOFF_MS: '20' },
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'readers: test message FAILED after 1 try; the receiver answered: HTTP 403: {"message":"invalid API credentials"}',
    );
  });
});

describe('statusmark check on the mailing list', () => {
  const check = () => runCli(['check', '--content', join(dir, 'content')]);
  const site = () => join(dir, 'content', 'site.yaml');

  test('a list channel needs the list of its provider in subscribe:', async () => {
    writeSite(
      'notifications:\n  - name: readers\n    type: buttondown\n    api_key_env: BUTTONDOWN_API_KEY\n',
    );
    const run = await check();
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `${site()}:7  notifications[0].type  a buttondown channel sends to the mailing list in subscribe:, and site.yaml has no subscribe: with provider: buttondown; add subscribe: with provider: buttondown`,
    );
  });

  test('a topic names components that exist, of one group; a Listmonk list is a UUID on https', async () => {
    writeSite(
      LISTMONK()
        .replace(`url: ${base}`, 'url: http://lists.acme.example')
        .replace('components: [web]', 'components: [web, api]')
        .replace('components: [api]', 'components: [apii]')
        .replace(EVERYTHING, 'everyone'),
    );
    let run = await check();
    expect(run.out).toContain(`${site()}:7  subscribe.url  must start with https://`);
    expect(run.out).toContain(`${site()}:8  subscribe.everything  must be a list's UUID`);
    writeSite(
      LISTMONK()
        .replace('components: [web]', 'components: [web, api]')
        .replace('components: [api]', 'components: [apii]'),
    );
    run = await check();
    expect(run.out).toContain(
      `${site()}:11  subscribe.topics[0].components[0]  "apii" is not a component in components.yaml`,
    );
    expect(run.out).toContain(
      `${site()}:13  subscribe.topics[1].components  names components of different groups, and the box is labelled with their group`,
    );
  });
});
