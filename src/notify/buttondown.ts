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
 * One event as one email of a Buttondown newsletter, through its REST API (docs.buttondown.com,
 * API version 2026-04-01, pinned so that a newsletter pinned to an older one reads the same fields):
 *
 * 1. `GET /v1/emails` of the last two days, looking for an email whose `metadata.statusmark` is the
 *    message's key: one found was made by an earlier try, and is sent (or finished sending) rather
 *    than made again.
 * 2. `GET /v1/tags`, for the ids of the tags (filters name tags by id).
 * 3. `POST /v1/emails` as a `draft`, with the key in `metadata` and as `X-Idempotency-Key` (a
 *    repeated request gets the first one's answer), and `filters` choosing the readers of the tags of
 *    the event's components, of `everything`, and those with none of the topics' tags.
 * 4. `PATCH /v1/emails/<id>` to `about_to_send`: Buttondown sends it, with its plain-text part and
 *    its unsubscribe footer. (Creating an email as `about_to_send` needs a one-time confirmation
 *    header in 2026-04-01; a PATCH does not.)
 */

const API_VERSION = '2026-04-01';
/** The API's address; a test points it at a stand-in on 127.0.0.1. */
const apiOf = (env: NodeJS.ProcessEnv) =>
  (env.STATUSMARK_BUTTONDOWN_API ?? 'https://api.buttondown.com/v1').replace(/\/$/, '');

interface Page<T> {
  results?: T[];
  next?: string | null;
}
interface Email {
  id: string;
  status?: string;
  metadata?: Record<string, unknown>;
}
interface Tag {
  id: string;
  name: string;
}

/**
 * Buttondown reads a body as a Django template: `{{`, `{%` and `{#` in a message are written as the
 * tags that print them, so a title such as "{{ subscriber.email }}" is shown, not filled in.
 */
export function buttondownSafe(text: string): string {
  const tags: Record<string, string> = { '{': 'openvariable', '%': 'openblock', '#': 'opencomment' };
  return text.replace(/\{([{%#])/g, (_, second: string) => `{% templatetag ${tags[second]} %}`);
}

/** Every page of a list, following `next` on the API's own origin, up to `pages`. */
async function allPages<T>(
  first: string,
  headers: Record<string, string>,
  delivery: ListDelivery,
  pages = 10,
): Promise<{ items: T[]; tries: number } | Outcome> {
  const items: T[] = [];
  let tries = 0;
  let url: string | null | undefined = first;
  for (let page = 0; url && page < pages; page++) {
    const { outcome, data }: { outcome: Outcome; data?: Page<T> } = await requestData<Page<T>>(
      'GET',
      url,
      undefined,
      headers,
      delivery.settings,
    );
    tries += outcome.tries;
    if (!data) return after(tries - outcome.tries, outcome);
    items.push(...(data.results ?? []));
    url = data.next && new URL(data.next).origin === new URL(first).origin ? data.next : undefined;
  }
  return { items, tries };
}

/** The filter of the readers who hear of an event; none when every reader does. */
function filtersOf(delivery: ListDelivery, n: Notification, ids: Map<string, string>) {
  const audience = audienceOf(delivery.subscribe, delivery.topics, componentsOf(n));
  // A tag no reader has chosen yet does not exist at Buttondown: it chooses no one.
  const all = [delivery.subscribe.everything, ...delivery.topics.map((t) => t.key)]
    .map((name) => ids.get(name))
    .filter((id): id is string => id !== undefined);
  if (audience.everyone || all.length === 0) return undefined;
  const chosen = audience.keys.map((name) => ids.get(name)).filter((id): id is string => id !== undefined);
  return {
    predicate: 'or',
    filters: chosen.map((value) => ({ field: 'subscriber.tags', operator: 'contains', value })),
    // A reader who chose nothing (or joined elsewhere) hears of everything.
    groups: [
      {
        predicate: 'and',
        filters: [...new Set(all)].map((value) => ({
          field: 'subscriber.tags',
          operator: 'not_contains',
          value,
        })),
        groups: [],
      },
    ],
  };
}

export async function sendToButtondown(
  apiKey: string,
  key: string,
  n: Notification,
  message: ListMessage,
  delivery: ListDelivery,
  env: NodeJS.ProcessEnv,
): Promise<Outcome> {
  const api = apiOf(env);
  const headers = { authorization: `Token ${apiKey}`, 'x-api-version': API_VERSION };
  const since = new Date(delivery.now - 2 * 86_400_000).toISOString().slice(0, 10);
  const recent = await allPages<Email>(
    `${api}/emails?creation_date__start=${since}&excluded_fields=body&ordering=-creation_date`,
    headers,
    delivery,
  );
  if (!('items' in recent)) return recent;
  let tries = recent.tries;
  const mine = recent.items.filter((email) => email.metadata?.statusmark === key);
  const earlier = mine.find((email) => email.status !== 'draft') ?? mine[0];
  if (earlier && earlier.status !== 'draft')
    return {
      ok: true,
      answer: `email ${earlier.id} was made by an earlier try (${earlier.status}); not sent again`,
      tries,
    };
  let id = earlier?.id;
  if (!id) {
    const tags = await memoized(delivery, 'tags', async () => {
      const listed = await allPages<Tag>(`${api}/tags?page_size=100`, headers, delivery, 50);
      return 'items' in listed ? new Map(listed.items.map((t) => [t.name, t.id])) : listed;
    });
    if (!(tags instanceof Map)) return after(tries, tags);
    const created = await requestData<Email>(
      'POST',
      `${api}/emails`,
      {
        subject: buttondownSafe(message.subject),
        body: `<!-- buttondown-editor-mode: fancy -->${buttondownSafe(message.html)}`,
        status: 'draft',
        metadata: { statusmark: key, event_id: n.id },
        ...(filtersOf(delivery, n, tags) ? { filters: filtersOf(delivery, n, tags) } : {}),
      },
      { ...headers, 'x-idempotency-key': key },
      delivery.settings,
    );
    tries += created.outcome.tries;
    if (!created.data?.id)
      return after(
        tries - created.outcome.tries,
        created.data ? refusal(`${created.outcome.answer.slice(0, 200)} (no email id)`) : created.outcome,
      );
    id = created.data.id;
  }
  if (delivery.test)
    return { ok: true, answer: `draft ${id} made at Buttondown, sent to no one: preview it there`, tries };
  const sent = await requestData<Email>(
    'PATCH',
    `${api}/emails/${encodeURIComponent(id)}`,
    { status: 'about_to_send' },
    headers,
    delivery.settings,
  );
  return after(
    tries,
    sent.data
      ? { ...sent.outcome, answer: `email ${id}: ${sent.data.status ?? 'about_to_send'}` }
      : sent.outcome,
  );
}
