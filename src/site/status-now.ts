import type { SiteContent } from '../domain/content.ts';
import { pageHeadline } from '../domain/statuses.ts';
import type { ComponentStatus } from '../schemas/vocabulary.ts';
import { currentStatus } from '../views/overview.ts';
import { perContent } from './content-store.ts';

/**
 * The page status at the build clock, in the content's language: what every page's preview tags,
 * favicon and the embed say. Worked out once per language, not once per page.
 */
export const statusNow = perContent((content: SiteContent): { worst: ComponentStatus; headline: string } => {
  const { page } = currentStatus(content);
  return { worst: page.worst, headline: pageHeadline(page, content.locale) };
});
