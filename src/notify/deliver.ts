import { createHmac } from 'node:crypto';

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
}

export const DEFAULT_DELIVERY: DeliverySettings = {
  timeoutMs: 10_000,
  attempts: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 60_000,
};

/** Settings from the environment, for tests and for receivers that are slow to answer. */
export function deliverySettings(env: NodeJS.ProcessEnv): DeliverySettings {
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
  };
}

export type Outcome =
  | { ok: true; answer: string; tries: number }
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
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  settings: DeliverySettings,
): Promise<Outcome> {
  let wait = settings.backoffMs;
  let last = '';
  for (let tries = 1; tries <= settings.attempts; tries++) {
    let retryIn = wait;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'statusmark-notify', ...headers },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      const text = (await response.text()).slice(0, 500);
      last = `HTTP ${response.status}${text ? `: ${text.trim()}` : ''}`;
      if (response.ok) return { ok: true, answer: last, tries };
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
    if (tries < settings.attempts) await sleep(retryIn);
    wait *= 2;
  }
  return { ok: false, retry: true, answer: last, tries: settings.attempts };
}
