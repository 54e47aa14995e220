import type { SiteContent } from './lib/content.ts';
import { publishedContent } from './integration/content-store.ts';

/**
 * The validated content of this build, with its clock: the one place routes read content. The
 * integration read and validated it once before the build started; everything below this in src/lib
 * takes it as an argument.
 */
export function getSiteContent(): Promise<SiteContent> {
  return Promise.resolve(publishedContent());
}
