import type { TrackerState } from '../domain/tracker-states.ts';
import { stripControlCharacters } from '../text/control-characters.ts';
import { readBounded } from './bounded-read.ts';

/**
 * Reads the state of GitHub issues and pull requests through the REST API, for `follow-ups sync`.
 * Every failure is an answer for that issue, never an exception: one deleted issue does not stop the
 * others. A refused token or a spent rate limit stops the requests still to come (each would fail
 * the same way, and hammering a limit prolongs it); their issues get the same answer.
 */

/** `owner/repo#number` as the link writes it. */
export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

export type Reading = { state: TrackerState; url: string } | { error: string };

export interface ReadOptions {
  /** The API's root, such as https://api.github.com or https://github.example.com/api/v3. */
  apiUrl: string;
  token?: string | undefined;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Each request's limit, and the whole run's. */
  requestTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** How much of one answer is read; an issue or a page of them is far less. */
  maxAnswerBytes?: number;
}

const MAX_ANSWER_BYTES = 10_000_000;

/** From this many issues of one repository on, its issue list is read page by page when that is cheaper. */
export const LIST_FROM = 10;
const PER_PAGE = 100;
/** At most this many pages of one repository's list; past them, issues are read one by one. */
const MAX_PAGES = 20;

export const refKey = (ref: IssueRef) => `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
export const refName = (ref: IssueRef) => `${ref.owner}/${ref.repo}#${ref.number}`;

/**
 * The issue or pull request a link points to, when it is one on `serverUrl`'s host (github.com, or a
 * GitHub Enterprise server); otherwise why it is skipped.
 */
export function readTrackerLink(link: string, serverUrl: string): { ref: IssueRef } | { skip: string } {
  let url: URL;
  let server: URL;
  try {
    url = new URL(link);
    server = new URL(serverUrl);
  } catch {
    return { skip: 'the link is not an address' };
  }
  const host = url.hostname.replace(/^www\./, '');
  if (host !== server.hostname.replace(/^www\./, ''))
    return { skip: `the link is on ${url.hostname}, not ${server.hostname}; only GitHub issues are synced` };
  const match = /^\/([\w.-]+)\/([\w.-]+)\/(?:issues|pull)\/(\d+)(?:\/.*)?$/.exec(url.pathname);
  if (!match)
    return {
      skip: `the link is not an issue or pull request (${url.pathname}); link .../issues/<number> or .../pull/<number>`,
    };
  return { ref: { owner: match[1]!, repo: match[2]!, number: Number(match[3]) } };
}

/** A request's answer, or why none came. */
interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

class Client {
  /** Set once the token is refused or the rate limit is spent: no further requests. */
  halted: string | undefined;
  private readonly deadline: number;
  private readonly origin: string;

  constructor(private readonly options: ReadOptions) {
    this.deadline = Date.now() + (options.totalTimeoutMs ?? 300_000);
    this.origin = new URL(options.apiUrl).origin;
  }

  url(path: string): string {
    return `${this.options.apiUrl.replace(/\/+$/, '')}${path}`;
  }

  /** GET a URL of the API; an error text when no usable answer came. */
  async get(url: string): Promise<Answer | { error: string }> {
    if (this.halted) return { error: this.halted };
    if (Date.now() > this.deadline)
      return { error: 'not read in this run, which reached its time limit; the next run reads it' };
    // Only the API's own host ever sees the token (a Link header could name another).
    if (new URL(url).origin !== this.origin) return { error: `GitHub pointed to another host (${url})` };
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'statusmark-follow-ups',
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        redirect: 'follow',
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        return {
          error: `GitHub did not answer within ${Math.round((this.options.requestTimeoutMs ?? 30_000) / 1000)} s; run again later`,
        };
      // A host that cannot be reached fails every request the same way.
      return {
        error: this.halt(
          `could not reach ${this.origin} (${networkCause(error)}); check GITHUB_API_URL and the network`,
        ),
      };
    }
    const max = this.options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    let text: string;
    try {
      const read = await readBounded(response, max);
      if (read.truncated)
        return {
          error: `GitHub answered with more than ${max / 1_000_000} MB, more than an issue ever is; not read`,
        };
      text = read.text;
    } catch (error) {
      return { error: `GitHub's answer broke off (${networkCause(error)}); run again later` };
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Why an answer is not a success, in a sentence; halts the client when every later request would fail too. */
  failure(answer: Answer): string {
    const { status, headers } = answer;
    const said = apiMessage(answer.body);
    const anonymous = !this.options.token;
    if ((status === 403 || status === 429) && headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(headers.get('x-ratelimit-reset'));
      const until = Number.isFinite(reset) && reset > 0 ? ` until ${resetTime(reset)}` : '';
      return this.halt(
        `GitHub's rate limit is used up${until}${anonymous ? ' (without GITHUB_TOKEN it is 60 requests an hour; set GITHUB_TOKEN)' : ''}; run again then`,
      );
    }
    const retryAfter = headers.get('retry-after');
    if (status === 429 || ((status === 403 || status === 429) && retryAfter))
      return this.halt(
        `GitHub asked to slow down (a secondary rate limit${retryAfter ? `; retry after ${retryAfter} s` : ''}); run again later`,
      );
    if (status === 401)
      return this.halt(`GitHub refused the token in GITHUB_TOKEN (401${said}); give a valid token`);
    if (status === 403)
      return `GitHub refused access (403${said})${anonymous ? '; set GITHUB_TOKEN to a token that can read it' : '; give GITHUB_TOKEN access to that repository'}`;
    if (status === 404)
      return `not found (404): the issue or its repository was deleted, renamed or is private${anonymous ? ' (no GITHUB_TOKEN was given: a private repository needs one)' : ', or the token cannot see it'}; fix the link or the token`;
    if (status === 410)
      return 'gone (410): the issue was deleted, or issues are turned off in that repository; fix the link or set the status by hand';
    return `GitHub answered ${status}${said}; run again later`;
  }

  halt(reason: string): string {
    this.halted ??= reason;
    return reason;
  }
}

/** ECONNREFUSED, ENOTFOUND …: what fetch's error says underneath "fetch failed". */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } })
    .cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (typeof code === 'string') return code;
  return typeof cause?.message === 'string' ? cause.message : (error as Error).message;
}

/** ": Bad credentials" from an API error's `message`, one short line of plain text. */
function apiMessage(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message !== 'string' || message.trim() === '') return '';
  return `: ${stripControlCharacters(message.replace(/\s+/g, ' ')).trim().slice(0, 160)}`;
}

/** "2026-12-06 22:15 UTC (in 23 minutes)". */
function resetTime(epochSeconds: number): string {
  const at = new Date(epochSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const minutes = Math.max(0, Math.ceil((epochSeconds * 1000 - Date.now()) / 60_000));
  return `${at} UTC (in ${minutes} minute${minutes === 1 ? '' : 's'})`;
}

/** An issue from the API (one, or one of a list), reduced to its state; undefined when it is not one. */
export function trackerOf(body: unknown): { state: TrackerState; url: string; number: number } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const issue = body as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  if ((issue.state !== 'open' && issue.state !== 'closed') || typeof issue.number !== 'number')
    return undefined;
  const pull = issue.pull_request as Record<string, unknown> | null | undefined;
  return {
    number: issue.number,
    url: text(issue.html_url) ?? '',
    state: {
      kind: pull && typeof pull === 'object' ? 'pull_request' : 'issue',
      state: issue.state,
      stateReason: reasonOf(issue.state_reason),
      closedAt: text(issue.closed_at),
      mergedAt: pull && typeof pull === 'object' ? text(pull.merged_at) : null,
    },
  };
}

/** A word, as GitHub's reasons are (`completed`, `not_planned` …); anything else is an unknown reason. */
function reasonOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : 'unknown';
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The state of every issue, by refKey. A repository with many of them is read as a list (page by
 * page, following the Link header) as long as that takes fewer requests than reading them one by one.
 */
export async function readTrackers(refs: IssueRef[], options: ReadOptions): Promise<Map<string, Reading>> {
  const client = new Client(options);
  const readings = new Map<string, Reading>();
  const unique = [...new Map(refs.map((ref) => [refKey(ref), ref])).values()];
  const byRepo = new Map<string, IssueRef[]>();
  for (const ref of unique) {
    const repo = `${ref.owner}/${ref.repo}`.toLowerCase();
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), ref]);
  }
  for (const group of byRepo.values()) if (group.length >= LIST_FROM) await readList(client, group, readings);
  const rest = unique.filter((ref) => !readings.has(refKey(ref)));
  await eachLimited(rest, options.concurrency ?? 4, async (ref) => {
    readings.set(refKey(ref), await readOne(client, ref));
  });
  return readings;
}

async function readOne(client: Client, ref: IssueRef): Promise<Reading> {
  const path = `/repos/${ref.owner}/${ref.repo}/issues/${ref.number}`;
  const answer = await client.get(client.url(path));
  if ('error' in answer) return answer;
  if (answer.status !== 200) return { error: client.failure(answer) };
  const found = trackerOf(answer.body);
  if (!found) return { error: `GitHub's answer for ${refName(ref)} is not an issue; run again later` };
  // GitHub Enterprise servers before merged_at was added to issues: the pull request says it.
  const pull = (answer.body as { pull_request?: Record<string, unknown> }).pull_request;
  if (
    found.state.kind === 'pull_request' &&
    found.state.state === 'closed' &&
    pull &&
    !('merged_at' in pull)
  ) {
    const pr = await client.get(client.url(`/repos/${ref.owner}/${ref.repo}/pulls/${ref.number}`));
    if ('error' in pr) return pr;
    if (pr.status !== 200) return { error: client.failure(pr) };
    const mergedAt = (pr.body as { merged_at?: unknown } | undefined)?.merged_at;
    found.state.mergedAt = typeof mergedAt === 'string' ? mergedAt : null;
  }
  return { state: found.state, url: found.url };
}

/** Reads a repository's issue list page by page; what it does not find is left for readOne. */
async function readList(client: Client, group: IssueRef[], readings: Map<string, Reading>): Promise<void> {
  const { owner, repo } = group[0]!;
  const wanted = new Map(group.map((ref) => [ref.number, ref]));
  let url: string | undefined = client.url(
    `/repos/${owner}/${repo}/issues?state=all&sort=created&direction=desc&per_page=${PER_PAGE}`,
  );
  for (let page = 1; url && wanted.size > 0 && page <= MAX_PAGES; page++) {
    const answer = await client.get(url);
    // A failed list is no verdict on any one issue: each is then read on its own (or halted).
    if ('error' in answer || answer.status !== 200 || !Array.isArray(answer.body)) {
      if (!('error' in answer) && answer.status !== 200) client.failure(answer);
      return;
    }
    for (const item of answer.body) {
      const found = trackerOf(item);
      const ref = found && wanted.get(found.number);
      if (!found || !ref) continue;
      // An entry that lacks what decides (a pull request's merged_at, an issue's state_reason) is
      // read on its own: a missing reason must not pass for "completed".
      const entry = item as { pull_request?: Record<string, unknown>; state_reason?: unknown };
      const decided =
        found.state.kind === 'pull_request' ? 'merged_at' in entry.pull_request! : 'state_reason' in entry;
      if (!decided) continue;
      readings.set(refKey(ref), { state: found.state, url: found.url });
      wanted.delete(found.number);
    }
    const links = parseLinks(answer.headers.get('link'));
    url = links.next;
    const last = pageOf(links.last);
    // Reading the rest one by one takes fewer requests than the pages left.
    if (url && last !== undefined && last - page > wanted.size) return;
  }
}

/** `<url>; rel="next", <url>; rel="last"` → { next, last }. */
export function parseLinks(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const [, url, rel] of (header ?? '').matchAll(/<([^>]+)>\s*;\s*rel="([^"]+)"/g))
    for (const name of rel!.split(/\s+/)) links[name] = url!;
  return links;
}

function pageOf(url: string | undefined): number | undefined {
  if (!url) return undefined;
  const page = Number(new URL(url).searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? page : undefined;
}
