import type { MiddlewareHandler } from 'astro';

/**
 * Astro's Content-Security-Policy always allows `'self'` and the hashes of its built-in hydration
 * directives in `script-src`, though no Statusmark page has a script. The policy is made to say what
 * is true: `script-src 'none'`, so not even a script that finds its way into the site can run.
 */
const SCRIPT_SRC = /(<meta http-equiv="content-security-policy" content="[^"]*?)script-src [^;"]*;/;

/** A page's HTML with its policy's `script-src` set to `'none'`. */
export function forbidScriptsIn(html: string): string {
  return html.replace(SCRIPT_SRC, "$1script-src 'none';");
}

/**
 * Middleware (added by the integration, last) that rewrites each page's policy as it is rendered:
 * the build writes every page once, where reading and rewriting 13,000 written pages afterwards cost
 * seconds of a large build. Other responses (feeds, API, calendars) pass untouched.
 */
export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  return new Response(forbidScriptsIn(await response.text()), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
