import { checkTree, renderReport } from './check-report.ts';
import type { Settings } from './settings.ts';
import type { ValidationResult } from './validate.ts';
import type { SiteContent } from '../domain/content.ts';

/** Thrown when content is invalid; its message is the same report `statusmark check` prints. */
export class ContentError extends Error {
  constructor(readonly report: string) {
    super(`Statusmark found problems in the content; nothing was built.\n${report}`);
    this.name = 'ContentError';
    // The report says everything; a stack trace would only bury it.
    this.stack = this.message;
  }
}

/** Reads and validates the content of a build: the one validation pass. Throws ContentError. */
export function loadContent(
  settings: Settings,
  realNow: number,
): { content: SiteContent; warnings: string; result: ValidationResult } {
  const result = checkTree(settings.contentDir, settings.clock, realNow, settings.base);
  if (!result.content) throw new ContentError(renderReport(result, 'text'));
  const warnings = result.problems.length > 0 ? renderReport(result, 'text') : '';
  return { content: result.content, warnings, result };
}
