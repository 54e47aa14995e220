import type { SiteContent } from '../domain/content.ts';

/**
 * The validated content of this build, handed from the integration to the pages. Astro loads the
 * integration (with astro.config.mjs) and the pages in separate module graphs, so a module-level
 * variable would exist twice; one well-known global slot is shared by both. The integration fills it
 * once per build (and again after each content change under `astro dev`).
 */
const SLOT = Symbol.for('statusmark.site-content');

type Slot = { [SLOT]?: SiteContent };

export function publishContent(content: SiteContent): void {
  (globalThis as Slot)[SLOT] = content;
}

export function publishedContent(): SiteContent {
  const content = (globalThis as Slot)[SLOT];
  if (!content) {
    throw new Error(
      'Statusmark content was not loaded. Add the integration to astro.config.mjs: integrations: [statusmark()]',
    );
  }
  return content;
}

/**
 * A value worked out from the content, kept as long as that content is the published one: made once
 * per build, and again after a content change under `astro dev` (which publishes new content), never
 * the first content's value for the life of the server. `key` separates values of one content that
 * differ by another input, such as the site's address.
 */
export function perContent<T>(make: (content: SiteContent, key: string) => T) {
  const made = new WeakMap<SiteContent, Map<string, T>>();
  return (content: SiteContent, key = ''): T => {
    let byKey = made.get(content);
    if (!byKey) made.set(content, (byKey = new Map<string, T>()));
    if (!byKey.has(key)) byKey.set(key, make(content, key));
    return byKey.get(key)!;
  };
}
