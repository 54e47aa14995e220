import { AstroError } from 'astro/errors';
import { z } from 'astro/zod';
import { parseZonedTime } from '../schemas/common.ts';

/** Options of `statusmark()` in astro.config.mjs. Environment variables override each one per run. */
export const optionsSchema = z.strictObject({
  /** Content folder, relative to the project root. Default `content`; STATUSMARK_CONTENT overrides. */
  content: z.string().min(1, 'must name a folder, such as "content"').optional(),
  /** Base path the site is served under, such as `/status/`. Default `/`; STATUSMARK_BASE overrides. */
  base: z
    .string()
    .regex(/^\/([\w.~-]+\/)*$/, 'must start and end with "/", such as "/status/"')
    .optional(),
  /**
   * The build clock, an ISO time with a zone, for builds of a past or future moment (tests,
   * screenshots). Default: the real time (or site.yaml's demo clock); STATUSMARK_NOW overrides.
   */
  now: z
    .string()
    .refine((text) => parseZonedTime(text) !== undefined, {
      message: 'must be an ISO time with a zone, such as "2026-11-20T14:30:00Z"',
    })
    .optional(),
});

export type StatusmarkOptions = z.input<typeof optionsSchema>;

/** Validates the options, or throws an error Astro shows with a hint instead of a stack trace. */
export function parseOptions(options: unknown): z.output<typeof optionsSchema> {
  const result = optionsSchema.safeParse(options ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    return field ? `"${field}" ${issue.message}` : issue.message;
  });
  throw new AstroError(
    `Invalid statusmark() options: ${problems.join('; ')}.`,
    'statusmark() takes { content?: string, base?: string, now?: string }; see docs/configuration.md. For example: statusmark({ content: "content", base: "/status/" }).',
  );
}
