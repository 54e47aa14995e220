import type { Outcome } from './deliver.ts';
import type { Notification } from './messages.ts';
import { audienceOf } from '../views/subscribe-topics.ts';
import {
  after,
  componentsOf,
  memoized,
  refusal,
  requestData,
  type ListDelivery,
  type ListMessage,
} from './list-provider.ts';

/**
 * One event as one campaign of a Listmonk (listmonk.app/docs/apis), on its lists:
 *
 * 1. `GET /api/campaigns?tag=<key>`: each campaign carries the message's key as a tag; one found was
 *    made by an earlier try, and is started if it is still a draft, else left as it is.
 * 2. `GET /api/lists?per_page=all`, for the ids of the lists whose UUIDs site.yaml names.
 * 3. `POST /api/campaigns`: `content_type: html`, the HTML `body`, the plain-text `altbody`, the
 *    lists of `everything` and of the topics of the event's components (all of them for a page-wide
 *    event); Listmonk sends it once to a reader on several of them, with the unsubscribe link of
 *    its template.
 * 4. `PUT /api/campaigns/<id>/status` to `running`.
 *
 * The API user needs the campaigns and lists permissions (Admin → User roles).
 */

interface Campaign {
  id: number;
  status?: string;
  tags?: string[];
}
interface List {
  id: number;
  uuid: string;
}

/**
 * Listmonk reads a campaign's subject and bodies as Go templates: `{{` in a message is written as
 * an action that prints it, and `@TrackLink` after an address is kept from becoming a tracked link.
 */
export function listmonkSafe(text: string): string {
  return text.replace(/\{\{/g, '{{"{{"}}').replace(/@TrackLink/g, '@{{""}}TrackLink');
}

/** The campaigns an earlier try made for `key`: one that is no longer a draft, else a draft. */
async function madeBefore(api: string, headers: Record<string, string>, key: string, delivery: ListDelivery) {
  // The documentation says `tags`; Listmonk reads `tag` (cmd/campaigns.go): both are sent.
  const { outcome, data } = await requestData<{ data?: { results?: Campaign[] } }>(
    'GET',
    `${api}/campaigns?tag=${key}&tags=${key}&no_body=true&per_page=20`,
    undefined,
    headers,
    delivery.settings,
  );
  const mine = data?.data?.results?.filter((c) => c.tags?.includes(key)) ?? [];
  return { outcome, found: data !== undefined, campaign: mine.find((c) => c.status !== 'draft') ?? mine[0] };
}

export async function sendToListmonk(
  user: string,
  token: string,
  key: string,
  n: Notification,
  message: ListMessage,
  delivery: ListDelivery,
): Promise<Outcome> {
  const { subscribe } = delivery;
  if (subscribe.provider !== 'listmonk')
    return refusal('site.yaml has no subscribe: with provider: listmonk');
  const api = `${subscribe.url.replace(/\/$/, '')}/api`;
  const headers = { authorization: `token ${user}:${token}` };
  let earlier = await madeBefore(api, headers, key, delivery);
  if (!earlier.found) return earlier.outcome;
  let tries = earlier.outcome.tries;
  if (!earlier.campaign) {
    const made = await createCampaign(api, headers, key, n, message, delivery);
    tries += made.outcome.tries;
    if (made.id !== undefined) earlier = { ...earlier, campaign: { id: made.id, status: 'draft' } };
    else if (!made.outcome.ok && made.outcome.retry) {
      // A lost answer may still have made the campaign: look again rather than make a second.
      earlier = await madeBefore(api, headers, key, delivery);
      tries += earlier.outcome.tries;
    }
    if (!earlier.campaign) return after(tries - made.outcome.tries, made.outcome);
  }
  const { id, status } = earlier.campaign;
  if (status !== 'draft')
    return {
      ok: true,
      answer: `campaign ${id} was made by an earlier try (${status}); not sent again`,
      tries,
    };
  if (delivery.test)
    return {
      ok: true,
      answer: `draft campaign ${id} made in Listmonk, sent to no one: preview it there`,
      tries,
    };
  const started = await requestData<{ data?: Campaign }>(
    'PUT',
    `${api}/campaigns/${id}/status`,
    { status: 'running' },
    headers,
    delivery.settings,
  );
  return after(
    tries,
    started.data
      ? { ...started.outcome, answer: `campaign ${id}: ${started.data.data?.status ?? 'running'}` }
      : started.outcome,
  );
}

/** The list ids of the event's readers, from Listmonk's lists by UUID. */
async function listIds(
  api: string,
  headers: Record<string, string>,
  n: Notification,
  delivery: ListDelivery,
) {
  const lists = await memoized(delivery, 'lists', async () => {
    const { outcome, data } = await requestData<{ data?: { results?: List[] } }>(
      'GET',
      `${api}/lists?per_page=all&minimal=true`,
      undefined,
      headers,
      delivery.settings,
    );
    return data ? new Map((data.data?.results ?? []).map((l) => [l.uuid, String(l.id)])) : outcome;
  });
  if (!(lists instanceof Map)) return lists;
  const audience = audienceOf(delivery.subscribe, delivery.topics, componentsOf(n));
  const uuids = audience.everyone
    ? [delivery.subscribe.everything, ...delivery.topics.map((t) => t.key)]
    : audience.keys;
  const missing = uuids.filter((uuid) => !lists.has(uuid));
  if (missing.length > 0)
    return refusal(
      `Listmonk has no list ${missing.join(', ')} (site.yaml, subscribe:); fix the UUID or make the list`,
    );
  return [...new Set(uuids.map((uuid) => Number(lists.get(uuid))))];
}

async function createCampaign(
  api: string,
  headers: Record<string, string>,
  key: string,
  n: Notification,
  message: ListMessage,
  delivery: ListDelivery,
): Promise<{ outcome: Outcome; id?: number }> {
  const lists = await listIds(api, headers, n, delivery);
  if (!Array.isArray(lists)) return { outcome: lists };
  const { outcome, data } = await requestData<{ data?: Campaign }>(
    'POST',
    `${api}/campaigns`,
    {
      name: `Statusmark: ${n.id}`.slice(0, 200),
      subject: listmonkSafe(message.subject),
      lists,
      type: 'regular',
      content_type: 'html',
      body: listmonkSafe(message.html),
      altbody: listmonkSafe(message.text),
      messenger: 'email',
      tags: ['statusmark', key],
    },
    headers,
    // Tried once: Listmonk has no idempotency key, and a second POST after a lost answer would
    // make a second campaign. The caller looks for the first instead.
    { ...delivery.settings, attempts: 1 },
  );
  const id = data?.data?.id;
  return id === undefined && data
    ? { outcome: refusal(`${outcome.answer.slice(0, 200)} (no campaign id)`, outcome.tries) }
    : { outcome, id };
}
