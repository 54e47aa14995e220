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
