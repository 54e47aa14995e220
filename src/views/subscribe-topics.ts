import type { Component } from '../schemas/component.ts';
import { BUTTONDOWN_FORM, type SubscribeSettings } from '../schemas/subscribe.ts';

/**
 * What a reader of the mailing list can choose, and who hears of an event. Each topic is a box on
 * /subscribe/ and, at the provider, a tag (Buttondown) or a public list (Listmonk); a reader who
 * ticks "everything" is tagged or listed with `everything`. The page's form and `statusmark notify`
 * both read the topics from here, so that a box and the messages it brings cannot disagree.
 */

export interface Topic {
  /** The tag's name or the list's UUID. */
  key: string;
  components: string[];
  /** The box's label: the component's name, or its group's when the topic is several components. */
  label: string;
}

/**
 * The topics of `subscribe`, labelled in the words of `components` (the content in the page's
 * language). Buttondown's default is a box per component, tagged with the component's id. A topic of
 * several components is labelled with their group; one whose components have no group in common is
 * refused by check (src/loader/rules/notification-rules.ts) and labelled with its first component.
 */
export function topicsOf(subscribe: SubscribeSettings, components: Component[]): Topic[] {
  const byId = new Map(components.map((c) => [c.id, c]));
  const listed =
    subscribe.provider === 'buttondown'
      ? (subscribe.topics?.map((t) => ({ key: t.tag, components: t.components })) ??
        components.map((c) => ({ key: c.id, components: [c.id] })))
      : subscribe.topics.map((t) => ({ key: t.list, components: t.components }));
  return listed.map((topic) => ({
    ...topic,
    label: labelOf(topic.components, byId) ?? topic.components[0]!,
  }));
}

/** A topic's label, if it has one: its one component's name, or the group all its components are in. */
export function labelOf(ids: string[], byId: Map<string, Component>): string | undefined {
  const [first, ...rest] = ids.map((id) => byId.get(id));
  if (!first) return undefined;
  if (rest.length === 0) return first.name;
  const group = first.group;
  return group !== undefined && rest.every((c) => c?.group === group) ? group : undefined;
}

/**
 * Who hears of an event that concerns `components`: the whole list when it names none (a page-wide
 * notice), else the readers of `everything` and of each topic that names one of them.
 */
export function audienceOf(
  subscribe: SubscribeSettings,
  topics: Topic[],
  components: string[],
): { everyone: true } | { everyone: false; keys: string[] } {
  if (components.length === 0) return { everyone: true };
  const touched = topics.filter((t) => t.components.some((id) => components.includes(id)));
  return { everyone: false, keys: [...new Set([subscribe.everything, ...touched.map((t) => t.key)])] };
}

/** The sign-up form: where it posts, the name of its choice boxes and what else it sends. */
export interface SignUpForm {
  action: string;
  /** The origin the page's Content-Security-Policy allows as its `form-action`, and nothing else. */
  origin: string;
  /** `tag` (Buttondown) or `l` (Listmonk): one value per ticked box. */
  choice: string;
  hidden: [string, string][];
}

/**
 * Buttondown's embed form posts `email` and one `tag` per tag to embed-subscribe/<username>;
 * Listmonk's public form posts `email` and one `l` per list UUID to <url>/subscription/form.
 */
export function signUpFormOf(subscribe: SubscribeSettings): SignUpForm {
  if (subscribe.provider === 'buttondown') {
    const action = `${BUTTONDOWN_FORM}${subscribe.username}`;
    return { action, origin: new URL(action).origin, choice: 'tag', hidden: [['embed', '1']] };
  }
  const action = new URL('subscription/form', subscribe.url.replace(/\/?$/, '/')).href;
  return { action, origin: new URL(action).origin, choice: 'l', hidden: [] };
}
