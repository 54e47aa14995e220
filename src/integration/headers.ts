/**
 * `_headers`, read by Netlify and Cloudflare Pages (other hosts: README, "Hosting"). The JSON API,
 * feeds, badges and calendar may be read by tools and widgets on any origin.
 */
export function headersFile(base: string): string {
  const at = base.replace(/\/?$/, '/');
  return `${[
    `${at}api/*`,
    '  Access-Control-Allow-Origin: *',
    '  Cache-Control: public, max-age=60',
    `${at}badges/*`,
    '  Access-Control-Allow-Origin: *',
    '  Cache-Control: public, max-age=60',
    `${at}*.xml`,
    '  Access-Control-Allow-Origin: *',
    `${at}*.ics`,
    '  Access-Control-Allow-Origin: *',
    `${at}*`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
  ].join('\n')}\n`;
}
