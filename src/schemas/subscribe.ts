import { z } from 'astro/zod';

/**
 * `subscribe:` in site.yaml: the mailing list readers join from /subscribe/. A list provider keeps
 * the list, the confirmation and the unsubscribe link; the page's form posts straight to its public
 * sign-up endpoint, and a `buttondown` or `listmonk` channel in `notifications` sends each event to
 * the readers who chose a component it touches (docs/notifications.md, "Email subscriptions").
 */

export const LIST_PROVIDERS = ['buttondown', 'listmonk'] as const;

/** Buttondown's public sign-up endpoint, the `action` of an embedded form (docs.buttondown.com). */
export const BUTTONDOWN_FORM = 'https://buttondown.com/api/emails/embed-subscribe/';

const uuid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    "must be a list's UUID, as Listmonk shows it under Lists, such as 6c1b9f0e-0d2a-4c3e-9a57-1f2e3d4c5b6a",
  );
const tag = z
  .string()
  .regex(/^[^\s,][^,]{0,99}$/, 'must be a tag name of up to 100 characters, with no comma, such as "api"');

/** Components a reader can choose with one box: one component, or the components of one group. */
const components = z.array(z.string()).min(1, 'must name at least one component');

const buttondownSchema = z.strictObject({
  provider: z.literal('buttondown'),
  /** The newsletter's username: the form posts to buttondown.com/api/emails/embed-subscribe/<username>. */
  username: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be the newsletter’s username, such as "kestrel"'),
  /** The tag of readers who want everything; default `all`. */
  everything: tag.default('all'),
  /** What readers can choose; default one box per component, tagged with its id. */
  topics: z.array(z.strictObject({ tag, components })).min(1).optional(),
});

const listmonkSchema = z.strictObject({
  provider: z.literal('listmonk'),
  /** Where Listmonk runs: its public form is <url>/subscription/form and its API <url>/api. */
  url: z
    .url({ protocol: /^https?$/, message: 'must be the address of your Listmonk, such as https://lists.example.com' })
    .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url), {
      message: 'must start with https:// (readers’ addresses cross the internet); http:// only for 127.0.0.1',
    }),
  /** The public list of readers who want everything. */
  everything: uuid,
  /** What readers can choose, each a public list. */
  topics: z.array(z.strictObject({ list: uuid, components })).min(1),
});

export const subscribeSchema = z.discriminatedUnion('provider', [buttondownSchema, listmonkSchema], {
  error: (issue) =>
    issue.code === 'invalid_union' ? `must be one of ${LIST_PROVIDERS.map((p) => `"${p}"`).join(', ')}` : undefined,
});
export type SubscribeSettings = z.output<typeof subscribeSchema>;
