import { describe, expect, test } from 'vitest';
import { audienceOf, signUpFormOf, topicsOf } from '../../src/views/subscribe-topics.ts';
import { buttondownSafe } from '../../src/notify/buttondown.ts';
import { listmonkSafe } from '../../src/notify/listmonk.ts';
import type { Component } from '../../src/schemas/component.ts';
import type { SubscribeSettings } from '../../src/schemas/subscribe.ts';

const COMPONENTS = [
  { id: 'api', name: 'Payments API', group: 'Payments' },
  { id: 'checkout', name: 'Hosted checkout', group: 'Payments' },
  { id: 'docs', name: 'Developer docs' },
] as Component[];

const BUTTONDOWN: SubscribeSettings = { provider: 'buttondown', username: 'acme', everything: 'all' };
const LIST = (n: number) => `${n}${n}${n}${n}${n}${n}${n}${n}-0000-4000-8000-000000000000`;
const LISTMONK: SubscribeSettings = {
  provider: 'listmonk',
  url: 'https://lists.acme.example/',
  everything: LIST(1),
  topics: [
    { list: LIST(2), components: ['api', 'checkout'] },
    { list: LIST(3), components: ['docs'] },
  ],
};

describe('the mailing list topics', () => {
  test("Buttondown's default is a box per component, tagged with its id and labelled with its name", () => {
    expect(topicsOf(BUTTONDOWN, COMPONENTS)).toEqual([
      { key: 'api', components: ['api'], label: 'Payments API' },
      { key: 'checkout', components: ['checkout'], label: 'Hosted checkout' },
      { key: 'docs', components: ['docs'], label: 'Developer docs' },
    ]);
  });

  test("a box of one group's components is labelled with the group", () => {
    expect(topicsOf(LISTMONK, COMPONENTS).map((t) => t.label)).toEqual(['Payments', 'Developer docs']);
  });

  test('an event reaches everything and the topics of its components; one with no component, the whole list', () => {
    const topics = topicsOf(LISTMONK, COMPONENTS);
    expect(audienceOf(LISTMONK, topics, ['checkout'])).toEqual({ everyone: false, keys: [LIST(1), LIST(2)] });
    expect(audienceOf(LISTMONK, topics, [])).toEqual({ everyone: true });
  });

  test("the form posts to the provider's public sign-up endpoint, whose origin alone the page allows", () => {
    expect(signUpFormOf(BUTTONDOWN)).toEqual({
      action: 'https://buttondown.com/api/emails/embed-subscribe/acme',
      origin: 'https://buttondown.com',
      choice: 'tag',
      hidden: [['embed', '1']],
    });
    expect(signUpFormOf(LISTMONK)).toEqual({
      action: 'https://lists.acme.example/subscription/form',
      origin: 'https://lists.acme.example',
      choice: 'l',
      hidden: [],
    });
  });
});

describe("the providers' templates", () => {
  test('Buttondown prints {{, {% and {# as written (Django templates)', () => {
    expect(buttondownSafe('{{ subscriber.email }} {% if x %} {# c #} {a}')).toBe(
      '{% templatetag openvariable %} subscriber.email }} {% templatetag openblock %} if x %} {% templatetag opencomment %} c #} {a}',
    );
  });

  test('Listmonk prints {{ and an address before @TrackLink as written (Go templates)', () => {
    expect(listmonkSafe('{{ .Subscriber.Email }} https://x.example@TrackLink')).toBe(
      '{{"{{"}} .Subscriber.Email }} https://x.example@{{""}}TrackLink',
    );
  });
});
