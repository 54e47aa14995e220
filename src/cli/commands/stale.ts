import { englishLocale } from '../../loader/catalogues.ts';
import { parseZonedTime } from '../../schemas/common.ts';
import { flag, parseInterval, UsageError, type ParsedArgs } from '../args.ts';
import { readBounded } from '../bounded-read.ts';
import type { Command } from '../command.ts';
import { CommandError } from '../errors.ts';

/** Durations in the catalogue's English, with plain spaces: a terminal wraps nothing, and they copy as typed. */
const formatDuration = (ms: number) => englishLocale('UTC').duration(ms).replaceAll('\u00a0', ' ');

const HELP = `statusmark stale --url <published site> [--max-age 1h]

Reads when the published site was built (page.updated_at of its /api/v2/status.json) and exits 1 when
that is longer ago than --max-age (30m, 2h …; default 1h): the deploy workflow runs it so that stopped
or delayed scheduled rebuilds fail loudly. A site not published yet, or not reachable, only warns.
`;

/** How far ahead of this machine's clock a build time may be before it is called wrong. */
const FUTURE_TOLERANCE = 5 * 60_000;

/** A site's status.json is a few hundred bytes; past this, reading stops (it is not one). */
const MAX_STATUS_BYTES = 100_000;

export const command: Command = {
  name: 'stale',
  help: HELP,
  run: async ({ args, now }) => stale(args, now),
};

/**
 * `statusmark stale --url <published site> [--max-age 1h]`: reads the build time the published site
 * states (`page.updated_at` of /api/v2/status.json) and fails when it is older than allowed, so that a
 * deploy workflow says loudly when its scheduled rebuilds had stopped. A site not published yet, or
 * not reachable, is a warning: it says nothing about the schedule.
 */
export async function stale(args: ParsedArgs, now: number): Promise<string> {
  const site = flag(args, 'url');
  if (!site) throw new UsageError('missing --url; for example --url https://status.example.com/');
  const maxAge = parseInterval(flag(args, 'max-age') ?? '1h');
  let url: URL;
  try {
    url = new URL('api/v2/status.json', site.endsWith('/') ? site : `${site}/`);
  } catch {
    throw new UsageError(`--url "${site}" is not a URL; for example --url https://status.example.com/`);
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'follow' });
  } catch (error) {
    return `warning: could not read ${url.href} (${(error as Error).message}); the age of the published site is unknown.`;
  }
  if (response.status === 404)
    return `${url.href} does not exist yet: nothing has been published, so nothing is stale.`;
  if (!response.ok)
    return `warning: ${url.href} answered ${response.status}; the age of the published site is unknown.`;
  const read = await readStatus(response, url);
  if (read.truncated)
    throw new CommandError(
      `${url.href} is longer than ${MAX_STATUS_BYTES / 1000} KB, which a Statusmark site's status.json never is; is --url the root of a Statusmark site?`,
    );
  const text = read.text;
  let updated: number | undefined;
  try {
    const json = JSON.parse(text) as { page?: { updated_at?: unknown } };
    updated = typeof json.page?.updated_at === 'string' ? parseZonedTime(json.page.updated_at) : undefined;
  } catch {
    updated = undefined;
  }
  if (updated === undefined)
    throw new CommandError(
      `${url.href} has no page.updated_at time; is --url the root of a Statusmark site?`,
    );
  const age = now - updated;
  // A few minutes ahead is two clocks that disagree a little; more is a wrong clock or build stamp.
  if (-age > FUTURE_TOLERANCE)
    throw new CommandError(
      `The published site says it was built at ${new Date(updated).toISOString()}, ${formatDuration(-age)} in the future: the clock of the machine that built it, or the build time it was given (STATUSMARK_NOW, or site.yaml's demo.now), is wrong. Fix that clock or stamp and deploy again; until then the age of the published site is unknown.`,
    );
  const said = `The published site was built ${formatDuration(age)} ago (${new Date(updated).toISOString()})`;
  if (age > maxAge)
    throw new CommandError(
      `${said}, more than the ${formatDuration(maxAge)} allowed: its scheduled rebuilds stopped or were delayed. Check the Deploy workflow's runs (GitHub disables schedules after 60 days without activity).`,
    );
  return `${said}, within the ${formatDuration(maxAge)} allowed.`;
}

/** The body, to MAX_STATUS_BYTES; a body that stops arriving is a warning like an unreachable site. */
async function readStatus(response: Response, url: URL): Promise<{ text: string; truncated: boolean }> {
  try {
    return await readBounded(response, MAX_STATUS_BYTES);
  } catch (error) {
    throw new CommandError(
      `could not read ${url.href} to its end (${(error as Error).message}); the age of the published site is unknown.`,
    );
  }
}
