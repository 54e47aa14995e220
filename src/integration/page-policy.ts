import type { MiddlewareHandler } from 'astro';
import { perContent, publishedContent } from '../site/content-store.ts';
import { accentCss, styleHash } from '../theme/accent.ts';

/**
 * Every built page's Content-Security-Policy, written by Statusmark rather than Astro: the site
 * ships no script (`script-src 'none'`), loads nothing from other origins, applies only its own
 * stylesheets and the one inline style it writes itself (the accent colour from site.yaml, by its
 * hash), and its forms post nowhere — but /subscribe/'s sign-up form, whose one target that page
 * names. Astro's own policy would allow `'self'` and hashes of its hydration scripts in `script-src`
 * (though no page has a script) and hashes each page's styles as it renders.
 */
export function pagePolicy({
  styleHashes,
  formAction,
}: {
  styleHashes: string[];
  formAction?: string;
}): string {
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "script-src 'none'",
    ['style-src', "'self'", ...styleHashes.map((hash) => `'${hash}'`)].join(' '),
    `form-action ${formAction ?? "'none'"}`,
  ].join('; ');
}

/** Where a page keeps its form's one target for its policy (see /subscribe/). */
export interface PolicyLocals {
  statusmarkFormAction?: string;
}

const TAG_END = Buffer.from('>');
const CHARSET = Buffer.from('<meta charset="utf-8">');

/** What may follow a tag's name: `>`, `/` or white space. */
const NAME_ENDS = new Set([...'>/\t\n\f\r '].map((c) => c.charCodeAt(0)));

/**
 * Just after the start tag `<name …>` (in lower case, else upper case), or -1: a longer name that
 * begins the same (`<header>` for `<head`) is not it.
 */
function afterStartTag(bytes: Buffer, name: string): number {
  for (const spelling of [name, name.toUpperCase()]) {
    const open = Buffer.from(`<${spelling}`);
    for (let at = bytes.indexOf(open); at !== -1; at = bytes.indexOf(open, at + 1))
      if (NAME_ENDS.has(bytes[at + open.length] ?? 0)) return bytes.indexOf(TAG_END, at) + 1;
  }
  return -1;
}

/**
 * The page with its policy as the head's first element (after the character set, which must come
 * within the first bytes): found and spliced in the bytes, the page is never decoded. A page with no
 * `<head>` of its own (a site's page may leave it out) gets it right after `<html>` or the doctype,
 * where the browser still opens the head: a policy inside the body is ignored.
 */
export function withPolicy(page: Uint8Array<ArrayBuffer>, policy: string): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
  const headEnd = afterStartTag(bytes, 'head');
  let at = headEnd !== -1 ? headEnd : afterStartTag(bytes, 'html');
  if (at === -1) at = afterStartTag(bytes, '!doctype');
  if (at === -1) return page;
  if (headEnd !== -1 && bytes.subarray(at, at + CHARSET.length).equals(CHARSET)) at += CHARSET.length;
  const meta = Buffer.from(`<meta http-equiv="content-security-policy" content="${policy}">`);
  return new Uint8Array(Buffer.concat([bytes.subarray(0, at), meta, bytes.subarray(at)]));
}

/** The accent's hash, worked out once per content. */
const accentHashes = perContent((content) => {
  const accent = accentCss(content.site.accent);
  return accent ? [styleHash(accent)] : [];
});

/**
 * Added by the integration for builds, after every other middleware: each HTML page gets its policy
 * as it is rendered. Feeds, the API, pictures and other responses pass untouched.
 */
export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const policy = pagePolicy({
    styleHashes: accentHashes(publishedContent()),
    formAction: (context.locals as PolicyLocals).statusmarkFormAction,
  });
  return new Response(withPolicy(new Uint8Array(await response.arrayBuffer()), policy), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
