import { z } from 'astro/zod';

/**
 * `embed:` in site.yaml: who may show /embed/ in an `<iframe>` (docs/embedding.md). The headers file
 * allows framing that page, and only it; every other page refuses to be framed.
 */

/**
 * An origin as `frame-ancestors` takes it: scheme and host, an optional port, no path; the host may
 * start with `*.` for every subdomain.
 */
const origin = z
  .string()
  .regex(
    /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i,
    'must be an origin: a scheme and a host, with no path or trailing slash, such as "https://app.example.com"',
  );

export const embedSchema = z.strictObject({
  /** Sites that may frame /embed/, such as [https://app.example.com]; default any site. */
  allow_origins: z.array(origin).min(1, 'must list at least one origin, or leave it out for any').optional(),
});
