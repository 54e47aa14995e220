import type { SiteContent } from '../domain/content.ts';

/** What site.yaml has the headers say: who may frame /embed/, and whether search engines may index. */
export interface HeaderSettings {
  /** The folders of the site's other languages ('de', 'pt-BR'), each with its own /embed/. */
  languageDirs: string[];
  /** Origins that may frame /embed/; undefined: any. */
  frameOrigins?: string[] | undefined;
  noindex: boolean;
}

export function headerSettings(content: SiteContent): HeaderSettings {
  return {
    languageDirs: content.locales.slice(1).map((locale) => locale.tag),
    frameOrigins: content.site.embed?.allow_origins,
    noindex: content.site.noindex,
  };
}

/**
 * `_headers`, read by Netlify and Cloudflare Pages (other hosts: README, "Hosting"). The JSON API,
 * feeds, badges, calendar and the status banner may be read by tools and widgets on any origin.
 * No page may be framed but /embed/ (docs/embedding.md): every path says X-Frame-Options: DENY, and
 * /embed/'s `frame-ancestors`, which browsers obey in its place, lets the sites in site.yaml (or any)
 * frame it. Both hosts merge the headers of every rule a path matches, so no rule needs to undo one.
 */
export function headersFile(
  base: string,
  site: HeaderSettings = { languageDirs: [], noindex: false },
): string {
  const at = base.replace(/\/?$/, '/');
  const embeds = ['', ...site.languageDirs.map((dir) => `${dir}/`)].flatMap((dir) => [
    `${at}${dir}embed/*`,
    `  Content-Security-Policy: frame-ancestors ${site.frameOrigins?.join(' ') ?? '*'}`,
    '  Access-Control-Allow-Origin: *',
  ]);
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
    ...embeds,
    // The stylesheets' names change with their content: a browser may keep them for good.
    `${at}_astro/*`,
    '  Cache-Control: public, max-age=31536000, immutable',
    `${at}*`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  X-Frame-Options: DENY',
    ...(site.noindex ? ['  X-Robots-Tag: noindex'] : []),
  ].join('\n')}\n`;
}
