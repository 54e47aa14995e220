import { checkTree, renderReport } from './check.ts';
import type { ValidationResult } from './validate.ts';

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
  cached ??= checkTree(contentRoot(), process.env, Date.now());
  if (!cached.content || !cached.context) throw new ContentError(renderReport(cached, 'text'));
  return cached as Required<Pick<ValidationResult, 'content' | 'context'>> & ValidationResult;
}
