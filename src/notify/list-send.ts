import type { SiteContent } from '../domain/content.ts';
import type { Channel } from '../schemas/site.ts';
import { topicsOf } from '../views/subscribe-topics.ts';
import { sendToButtondown } from './buttondown.ts';
import type { DeliverySettings, Outcome } from './deliver.ts';
import { campaignKey, refusal, type ListDelivery } from './list-provider.ts';
import { sendToListmonk } from './listmonk.ts';
import { listMessage, type Notification } from './messages.ts';

/** What a message to a mailing list needs: the run's settings, memo and the channel's secrets. */
export interface ListSend {
  channel: Channel;
  n: Notification;
  test: boolean;
  secrets: { apiKey?: string; token?: string };
  content: SiteContent;
  siteName: string;
  delivery: DeliverySettings;
  env: NodeJS.ProcessEnv;
  memo: ListDelivery['memo'];
}

/**
 * An event to the mailing list of `subscribe:` (site.yaml), through the channel's provider: one
 * campaign to the readers of the components it concerns, found again by its key if an earlier try
 * made it. A `--test` makes a draft, which no reader gets.
 */
export function sendToList(send: ListSend): Promise<Outcome> {
  const { channel, n, test, content, env } = send;
  const subscribe = content.site.subscribe;
  if (!subscribe || subscribe.provider !== channel.type)
    return Promise.resolve(refusal(`site.yaml has no subscribe: with provider: ${channel.type}`));
  const now = Date.now();
  const delivery: ListDelivery = {
    channel,
    subscribe,
    topics: topicsOf(subscribe, content.components),
    settings: send.delivery,
    now,
    memo: send.memo,
    test,
  };
  const key = campaignKey(channel, n, test, now);
  const message = listMessage(n, send.siteName, test);
  return channel.type === 'buttondown'
    ? sendToButtondown(send.secrets.apiKey!, key, n, message, delivery, env)
    : sendToListmonk(channel.api_user!, send.secrets.token!, key, n, message, delivery);
}
