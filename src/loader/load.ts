import { renderReport } from '../cli/check.ts';
import { readContentTree } from './read-tree.ts';
import { validateContent, type ValidationResult } from './validate.ts';

/** The content folder of this build: STATUSMARK_CONTENT or `content`. */
export function contentRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.STATUSMARK_CONTENT ?? 'content';
}

/** Thrown when content is invalid; its message is the same report `npm run check` prints. */
export class ContentError extends Error {
  constructor(report: string) {
    super(`Statusmark found problems in the content; nothing was built.\n${report}`);
    this.name = 'ContentError';
    // The report says everything; a stack trace would only bury it.
    this.stack = this.message;
  }
}

let cached: ValidationResult | undefined;

/** Reads and validates the content once per process, and stops the build on any error. */
export function loadValidatedContent(): Required<Pick<ValidationResult, 'content' | 'context'>> &
  ValidationResult {
  cached ??= validateContent(readContentTree(contentRoot()), {
    statusmarkNow: process.env.STATUSMARK_NOW,
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    realNow: Date.now(),
  });
  if (!cached.content || !cached.context) throw new ContentError(renderReport(cached, 'text'));
  return cached as Required<Pick<ValidationResult, 'content' | 'context'>> & ValidationResult;
}
