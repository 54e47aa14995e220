import { createHmac } from 'node:crypto';
import { readBounded } from '../cli/bounded-read.ts';

/**
 * Sending one message to one receiver, reliably: a 5xx, a 429 (after its Retry-After) and a timeout
 * or network error are retried with backoff within the run; any other 4xx is the receiver saying no,
 * and is reported with its answer. Nothing here decides what to send.
 */

export interface DeliverySettings {
  /** How long one request may take. */
  timeoutMs: number;
  /** Tries per message within a run. */
  attempts: number;
  /** First wait between tries; doubled each time. */
  backoffMs: number;
  /** The longest Retry-After honoured within a run; longer, and the message waits for the next run. */
  maxRetryAfterMs: number;
  /**
   * The run's retry budget: all its waiting between tries ends by then (UTC ms). A retry that would
   * end later is not made, and its message waits for the next run, so a receiver asking for patience
   * (a Retry-After of 59 s on every message) cannot hold a run past its job's time limit.
   */
  retryUntil: number;
}

/** How long a run may spend waiting between tries, in all. */
export const RETRY_BUDGET_MS = 120_000;
/** As much of a receiver's answer as is read: enough for any error message; the rest is not downloaded. */
export const MAX_ANSWER_BYTES = 4096;
/**
 * As much as is read of a list provider's answer to a look-up (its tags, lists, recent campaigns): a
 * page of them is larger than an error message, and still bounded.
 */
export const MAX_LOOKUP_BYTES = 1_048_576;

export const DEFAULT_DELIVERY: Omit<DeliverySettings, 'retryUntil'> = {
  timeoutMs: 10_000,
  attempts: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Settings from the environment, for tests and for receivers that are slow to answer; the retry
 * budget counts from `start`.
 */
export function deliverySettings(env: NodeJS.ProcessEnv, start: number): DeliverySettings {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value >= 0 && env[name] !== undefined && env[name] !== ''
      ? value
      : fallback;
  };
  return {
    timeoutMs: number('STATUSMARK_NOTIFY_TIMEOUT_MS', DEFAULT_DELIVERY.timeoutMs),
    attempts: Math.max(1, number('STATUSMARK_NOTIFY_ATTEMPTS', DEFAULT_DELIVERY.attempts)),
    backoffMs: number('STATUSMARK_NOTIFY_BACKOFF_MS', DEFAULT_DELIVERY.backoffMs),
    maxRetryAfterMs: DEFAULT_DELIVERY.maxRetryAfterMs,
    retryUntil: start + number('STATUSMARK_NOTIFY_RETRY_BUDGET_MS', RETRY_BUDGET_MS),
  };
}

/**
 * Whether a wait of `ms` before the next try fits in the run's budget; if not, the answer to give:
 * the message is left for the next run.
 */
export function pastBudget(ms: number, settings: DeliverySettings, now: number): string | undefined {
  if (now + ms <= settings.retryUntil) return undefined;
  return `a retry in ${Math.ceil(ms / 1000)} s would end after this run's time for retries: left for the next run`;
}

/**
 * The first bytes of a response's body, and no more: the download is stopped there, so that a
 * receiver (or something posing as one) answering with gigabytes costs a few kilobytes.
 */
async function readAnswer(response: Response, max = MAX_ANSWER_BYTES): Promise<string> {
  return (await readBounded(response, max)).text;
}

export type Outcome =
  /** `body`: the answer as read (to `maxBytes`), for a caller that reads what the receiver said. */
  | { ok: true; answer: string; tries: number; body?: string }
  /** `retry`: worth trying again in a later run (a 5xx, 429, timeout); else the receiver refused. */
  | { ok: false; retry: boolean; answer: string; tries: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as Retry-After allows; Discord also says it in the body. */
function retryAfterMs(header: string | null, body: string): number | undefined {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  const inBody = /"retry_after"\s*:\s*([\d.]+)/.exec(body)?.[1];
  return inBody === undefined ? undefined : Number(inBody) * 1000;
}

/** The headers that let a receiver check a webhook came from this site: HMAC-SHA256 of "timestamp.body". */
export function signatureHeaders(secret: string, body: string, now: number): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'X-Statusmark-Timestamp': timestamp, 'X-Statusmark-Signature': `sha256=${signature}` };
}

/** POSTs JSON, retrying what is worth retrying. */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  settings: DeliverySettings,
): Promise<Outcome> {
  return requestJson('POST', url, body, headers, settings);
}

/**
 * Any request with a JSON body (or none), retried as a POST is; a successful answer's body is
 * returned, read to `maxBytes`.
 */
export async function requestJson(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  body: string | undefined,
  headers: Record<string, string>,
  settings: DeliverySettings,
  maxBytes = MAX_ANSWER_BYTES,
): Promise<Outcome> {
  let wait = settings.backoffMs;
  let last = '';
  for (let tries = 1; tries <= settings.attempts; tries++) {
    let retryIn = wait;
    try {
      const response = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'user-agent': 'statusmark-notify',
          ...headers,
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      const whole = await readAnswer(response, response.ok ? maxBytes : MAX_ANSWER_BYTES);
      const text = whole.slice(0, 500);
      last = `HTTP ${response.status}${text ? `: ${text.trim()}` : ''}`;
      if (response.ok) return { ok: true, answer: last, tries, body: whole };
      if (response.status === 429) {
        const after = retryAfterMs(response.headers.get('retry-after'), text);
        if (after !== undefined && after > settings.maxRetryAfterMs)
          return {
            ok: false,
            retry: true,
            answer: `${last} (Retry-After ${Math.round(after / 1000)} s: left for the next run)`,
            tries,
          };
        retryIn = after ?? wait;
      } else if (response.status < 500) {
        return { ok: false, retry: false, answer: last, tries };
      }
    } catch (error) {
      const name = (error as Error).name;
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      last =
        name === 'TimeoutError'
          ? `no answer within ${settings.timeoutMs / 1000} s`
          : `could not connect: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
    }
    if (tries < settings.attempts) {
      const late = pastBudget(retryIn, settings, Date.now());
      if (late) return { ok: false, retry: true, answer: `${last} (${late})`, tries };
      await sleep(retryIn);
    }
    wait *= 2;
  }
  return { ok: false, retry: true, answer: last, tries: settings.attempts };
}
