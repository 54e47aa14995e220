import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A stand-in for the part of GitHub's REST API that `statusmark follow-ups sync` reads, on 127.0.0.1:
 * "Get an issue" (which also answers for pull requests, with `pull_request.merged_at`), "List
 * repository issues" (`state=all`, pages with a Link header), "Get a pull request", and GitHub's
 * refusals: 401 for a wrong token, 403 with `x-ratelimit-remaining: 0` once the rate limit is spent,
 * 404 and 410 for a deleted issue. Shapes follow the REST API's documentation (version 2022-11-28).
 */

/** One issue or pull request as the test describes it; the stand-in fills in the rest of the shape. */
export interface StandInIssue {
  state: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  closed_at?: string | null;
  /** Makes it a pull request; null: not merged. */
  merged_at?: string | null;
  /** Leaves merged_at out of the issue's pull_request, as older GitHub Enterprise servers do. */
  no_merged_at_in_issue?: boolean;
}

export interface StandInOptions {
  /** `owner/repo` → number → the issue, or 404/410 for one that is gone. */
  repos: Record<string, Record<number, StandInIssue | 404 | 410>>;
  /** The token the stand-in accepts; a request with another gets 401. Absent: any, or none. */
  token?: string;
  /** Requests answered before the rate limit is spent (then 403 with x-ratelimit-remaining: 0). */
  rateLimit?: number;
  /** Issues per page of a list, whatever per_page asks. */
  pageSize?: number;
}

export interface StandIn {
  url: string;
  /** Every request: its path with the query, and its authorization header. */
  requests: { path: string; authorization: string | undefined }[];
  close: () => Promise<void>;
}

export const RESET_AT = 1_796_000_000;

function issueJson(base: string, repo: string, number: number, issue: StandInIssue): Record<string, unknown> {
  const pull = 'merged_at' in issue;
  const html = `https://github.com/${repo}/${pull ? 'pull' : 'issues'}/${number}`;
  return {
    id: 1000 + number,
    node_id: `I_${number}`,
    url: `${base}/repos/${repo}/issues/${number}`,
    repository_url: `${base}/repos/${repo}`,
    html_url: html,
    number,
    state: issue.state,
    state_reason: pull ? null : (issue.state_reason ?? null),
    title: `Issue ${number}`,
    user: { login: 'octocat', id: 1 },
    labels: [],
    locked: false,
    comments: 0,
    created_at: '2026-06-25T09:00:00Z',
    updated_at: issue.closed_at ?? '2026-06-25T09:00:00Z',
    closed_at: issue.closed_at ?? null,
    author_association: 'MEMBER',
    ...(pull && {
      pull_request: {
        url: `${base}/repos/${repo}/pulls/${number}`,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        ...(issue.no_merged_at_in_issue ? {} : { merged_at: issue.merged_at }),
      },
    }),
  };
}

export async function startGitHubStandIn(options: StandInOptions): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  let base = '';
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    requests.push({ path: `${url.pathname}${url.search}`, authorization: req.headers.authorization });
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`)
      return send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    const used = requests.length;
    const limit = { 'x-ratelimit-limit': '60', 'x-ratelimit-reset': String(RESET_AT) };
    if (options.rateLimit !== undefined && used > options.rateLimit)
      return send(
        res,
        403,
        {
          message: 'API rate limit exceeded for 127.0.0.1.',
          documentation_url: 'https://docs.github.com/rest',
        },
        { ...limit, 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '60' },
      );
    const headers = {
      ...limit,
      'x-ratelimit-remaining': String(Math.max(0, (options.rateLimit ?? 60) - used)),
    };
    const one = /^\/repos\/([^/]+\/[^/]+)\/(issues|pulls)\/(\d+)$/.exec(url.pathname);
    const list = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(url.pathname);
    const repo = options.repos[(one ?? list)?.[1] ?? ''];
    if (one && repo) {
      const issue = repo[Number(one[3])];
      if (issue === 410) return send(res, 410, { message: 'This issue was deleted', status: '410' }, headers);
      if (issue === undefined || issue === 404 || (one[2] === 'pulls' && !('merged_at' in issue)))
        return send(res, 404, { message: 'Not Found', status: '404' }, headers);
      const json = issueJson(base, one[1]!, Number(one[3]), issue);
      if (one[2] === 'pulls')
        return send(res, 200, { ...json, merged: !!issue.merged_at, merged_at: issue.merged_at }, headers);
      return send(res, 200, json, headers);
    }
    if (list && repo) {
      // Newest first, as GitHub lists them by default; deleted issues are not listed.
      const all = Object.entries(repo)
        .filter((entry): entry is [string, StandInIssue] => typeof entry[1] === 'object')
        .map(([n, issue]) => issueJson(base, list[1]!, Number(n), issue))
        .sort((a, b) => (b.number as number) - (a.number as number));
      const size = options.pageSize ?? 30;
      const page = Number(url.searchParams.get('page') ?? '1');
      const last = Math.max(1, Math.ceil(all.length / size));
      const at = (n: number) => {
        const link = new URL(url);
        link.searchParams.set('page', String(n));
        return `<${link.href}>`;
      };
      const links = [
        ...(page < last ? [`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`] : []),
        ...(page > 1 ? [`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`] : []),
      ];
      return send(res, 200, all.slice((page - 1) * size, page * size), {
        ...headers,
        ...(links.length > 0 ? { link: links.join(', ') } : {}),
      });
    }
    return send(res, 404, { message: 'Not Found', status: '404' }, headers);
  };
  const server: Server = createServer(handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
