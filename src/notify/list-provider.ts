import { createHash } from 'node:crypto';
import type { Channel } from '../schemas/site.ts';
import type { SubscribeSettings } from '../schemas/subscribe.ts';
import type { Topic } from '../views/subscribe-topics.ts';
import { MAX_LOOKUP_BYTES, requestJson, type DeliverySettings, type Outcome } from './deliver.ts';
import type { Notification } from './messages.ts';

/**
 * What the Buttondown and Listmonk channels share: a message is one campaign at the provider, found
 * again by a key made of the channel and the event, so that a retry after a lost answer finds the
 * campaign the first try made instead of making a second (src/notify/buttondown.ts, listmonk.ts).
 */

export interface ListDelivery {
  channel: Channel;
  subscribe: SubscribeSettings;
  topics: Topic[];
  settings: DeliverySettings;
  /** The real time, for the window of recent campaigns looked through. */
  now: number;
  /** Look-ups made once per run and channel (the provider's tag or list ids). */
  memo: Map<string, Promise<Map<string, string> | Outcome>>;
  /** `--test`: a draft is made and left unsent, for the operator to preview at the provider. */
  test: boolean;
}

export interface ListMessage {
  subject: string;
  text: string;
  html: string;
}

/** The provider's own mark of the campaign of one event for one channel. */
export function campaignKey(channel: Channel, n: Notification, test: boolean, now: number): string {
  const what = `${channel.name} ${n.id}${test ? ` test ${now}` : ''}`;
  return `statusmark-${createHash('sha256').update(what).digest('hex').slice(0, 32)}`;
}

/** The components an event concerns; none for a test message of a site with no event yet. */
export const componentsOf = (n: Notification): string[] => n.event?.components ?? [];

/** A step's outcome with the tries of the steps before it counted in. */
export const after = (tries: number, outcome: Outcome): Outcome => ({
  ...outcome,
  tries: tries + outcome.tries,
});

/** A refusal that is no request's answer: the settings or the provider's data do not fit. */
export const refusal = (answer: string, tries = 0): Outcome => ({ ok: false, retry: false, answer, tries });

/** A JSON request whose answer is read and parsed; a successful answer that is not JSON is a failure to retry. */
export async function requestData<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  body: unknown,
  headers: Record<string, string>,
  settings: DeliverySettings,
): Promise<{ outcome: Outcome; data?: T }> {
  const outcome = await requestJson(
    method,
    url,
    body === undefined ? undefined : JSON.stringify(body),
    headers,
    settings,
    MAX_LOOKUP_BYTES,
  );
  if (!outcome.ok) return { outcome };
  try {
    return { outcome, data: JSON.parse(outcome.body ?? '') as T };
  } catch {
    return {
      outcome: {
        ok: false,
        retry: true,
        answer: `${outcome.answer.slice(0, 200)} (not the JSON expected)`,
        tries: outcome.tries,
      },
    };
  }
}

/** A look-up made once per run and channel, however many messages need it. */
export function memoized(
  delivery: ListDelivery,
  what: string,
  look: () => Promise<Map<string, string> | Outcome>,
): Promise<Map<string, string> | Outcome> {
  const key = `${delivery.channel.name} ${what}`;
  let found = delivery.memo.get(key);
  if (!found) {
    found = look();
    delivery.memo.set(key, found);
    // A failed look-up is tried again by the next message, not remembered.
    void found.then((result) => {
      if (!(result instanceof Map)) delivery.memo.delete(key);
    });
  }
  return found;
}
